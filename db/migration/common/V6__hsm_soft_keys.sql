-- The software HSM (module hsm): key material only wrapped (AES-KWP) under the master key-encryption key,
-- which lives outside the database. hsm_soft_kek records each store's KEK check value so a wrong KEK is caught at
-- start. One database can hold several stores (e.g. the two sides of a mirrored pair in tests).
create table hsm_soft_key (
    store            varchar(50)   not null,
    label            varchar(200)  not null,
    algorithm        varchar(20)   not null,
    wrapped_material varchar(8000) not null,
    public_key       varchar(2000),
    kcv              char(6)       not null,
    created_at       timestamp with time zone not null,
    primary key (store, label)
);

create table hsm_soft_kek (
    store      varchar(50) primary key,
    kcv        char(6)     not null,
    created_at timestamp with time zone not null
);
