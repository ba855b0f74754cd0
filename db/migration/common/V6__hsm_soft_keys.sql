-- The software HSM (module hsm): key material only wrapped (AES-KWP) under the master key-encryption key,
-- which lives outside the database. hsm_soft_kek records the KEK's check value so a wrong KEK is caught at start.
create table hsm_soft_key (
    label            varchar(200)  primary key,
    algorithm        varchar(20)   not null,
    wrapped_material varchar(8000) not null,
    public_key       varchar(2000),
    kcv              char(6)       not null,
    created_at       timestamp with time zone not null
);

create table hsm_soft_kek (
    id         integer primary key,
    kcv        char(6) not null,
    created_at timestamp with time zone not null
);
