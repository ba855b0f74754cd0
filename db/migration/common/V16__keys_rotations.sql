-- Key rotation as an approved change (module keys): each row is a rotation request and, once done, its entry in the
-- key's rotation log (trigger, reason, requester, old and new version with their key check values, times; the
-- approvers and their verified signatures come from the approval). One open rotation per key at a time.
create table keys_rotation (
    id            varchar(36)   primary key,
    key_alias     varchar(64)   not null,
    trigger_kind  varchar(12)   not null,
    reason        varchar(1000) not null,
    requester     varchar(64)   not null,
    status        varchar(12)   not null,
    approval_id   varchar(36),
    old_version   integer       not null,
    old_kcv       varchar(6)    not null,
    new_version   integer,
    new_kcv       varchar(6),
    outcome       varchar(1000),
    created_at    timestamp with time zone not null,
    completed_at  timestamp with time zone,
    constraint ck_keys_rotation_trigger check (trigger_kind in ('SCHEDULED', 'ON_DEMAND', 'EMERGENCY')),
    constraint ck_keys_rotation_status check (status in ('PENDING', 'ROTATING', 'DONE', 'REJECTED', 'EXPIRED', 'FAILED'))
);
create index ix_keys_rotation_key on keys_rotation (key_alias, created_at);

-- How often a key is rotated (days); null: the default for its sensitivity.
alter table keys_managed_key add column rotation_period_days integer;
