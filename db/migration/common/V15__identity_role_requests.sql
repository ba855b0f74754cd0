-- Privileged roles by dual control (module identity): granting SECURITY_OFFICER, AUDITOR or ADMIN opens a request,
-- applied only once two security officers or administrators (neither the requester nor the person) approved it.
create table identity_role_request (
    id           varchar(36)  primary key,
    username     varchar(64)  not null,
    role         varchar(32)  not null,
    requester    varchar(64)  not null,
    reason       varchar(500) not null,
    status       varchar(12)  not null,
    outcome      varchar(500),
    approval_id  varchar(36),
    created_at   timestamp with time zone not null,
    closed_at    timestamp with time zone,
    constraint ck_identity_role_request_status check (status in ('PENDING', 'GRANTED', 'REJECTED', 'EXPIRED', 'REFUSED'))
);
create index ix_identity_role_request_person on identity_role_request (username, status);
