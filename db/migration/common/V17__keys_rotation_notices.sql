-- The rotation schedule's notices to a key's owner (30, 7 and 1 days before a version's rotation date), each sent
-- once per key version, whichever node's daily sweep gets there first.
create table keys_rotation_notice (
    key_alias    varchar(64) not null,
    version_no   integer     not null,
    days_before  integer     not null,
    sent_at      timestamp with time zone not null,
    primary key (key_alias, version_no, days_before)
);
