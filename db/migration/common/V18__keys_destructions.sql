-- Key destruction as an approved change (module keys): each row is a request and, once ended, its entry in the
-- key's destruction log. One open destruction per key at a time; the approvers come from the approval.
create table keys_destruction (
    id              varchar(36)   primary key,
    key_alias       varchar(64)   not null,
    reason          varchar(1000) not null,
    override_reason varchar(1000),
    in_use          varchar(4000),
    waiting_days    integer       not null,
    requester       varchar(64)   not null,
    status          varchar(12)   not null,
    approval_id     varchar(36),
    from_state      varchar(20)   not null,
    destroy_at      timestamp with time zone,
    outcome         varchar(1000),
    cancelled_by    varchar(64),
    created_at      timestamp with time zone not null,
    completed_at    timestamp with time zone,
    constraint ck_keys_destruction_status check (status in ('PENDING', 'SCHEDULED', 'DESTROYING', 'DESTROYED',
        'CANCELLED', 'REJECTED', 'EXPIRED', 'REFUSED')),
    constraint ck_keys_destruction_wait check (waiting_days between 7 and 90)
);
create index ix_keys_destruction_key on keys_destruction (key_alias, created_at);
