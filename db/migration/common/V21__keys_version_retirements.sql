-- Retiring an old key version (module keys) is an approved change: from then on nothing is decrypted or verified with
-- it. Each row is a request and, once ended, its entry in the key's retirement log; the approvers come from the approval.
alter table keys_key_version add column retired_at timestamp with time zone;

create table keys_retirement (
    id              varchar(36)   primary key,
    key_alias       varchar(64)   not null,
    version_no      integer       not null,
    reason          varchar(1000) not null,
    override_reason varchar(1000),
    in_use          varchar(4000),
    requester       varchar(64)   not null,
    status          varchar(12)   not null,
    approval_id     varchar(36),
    outcome         varchar(1000),
    created_at      timestamp with time zone not null,
    completed_at    timestamp with time zone,
    constraint ck_keys_retirement_status check (status in ('PENDING', 'RETIRED', 'REJECTED', 'EXPIRED', 'REFUSED'))
);
create index ix_keys_retirement_key on keys_retirement (key_alias, created_at);
