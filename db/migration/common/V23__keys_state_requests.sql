-- Key state changes that lose data or widen use (module keys): re-activating a suspended key, deactivating a key.
-- Each row is a request decided by the key owner (their manager when the owner asked) and a security officer.
create table keys_state_request (
    id            varchar(36)   primary key,
    key_alias     varchar(64)   not null,
    from_state    varchar(20)   not null,
    to_state      varchar(20)   not null,
    reason        varchar(1000) not null,
    requester     varchar(64)   not null,
    status        varchar(12)   not null,
    approval_id   varchar(36),
    outcome       varchar(1000),
    created_at    timestamp with time zone not null,
    completed_at  timestamp with time zone,
    constraint ck_keys_state_request_status check (status in ('PENDING', 'DONE', 'REJECTED', 'EXPIRED', 'REFUSED'))
);
create index ix_keys_state_request_key on keys_state_request (key_alias, created_at);
