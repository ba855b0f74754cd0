-- Crypto API use per key version, caller and day (module crypto): the rewrap census, which shows who still uses an
-- old version (decrypts, verifies or rewraps what it made) before that version is retired.
create table crypto_usage_version (
    key_alias    varchar(64) not null,
    version_no   integer     not null,
    principal    varchar(64) not null,
    day_start    timestamp with time zone not null,
    uses         bigint      not null,
    last_used_at timestamp with time zone not null,
    primary key (key_alias, version_no, principal, day_start)
);
