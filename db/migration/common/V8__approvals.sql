-- Approvals (module approvals): one case per decision to take (e.g. an access request), one slot per approver
-- needed, and the passkey-signed decisions. A decision keeps the exact document that was signed and the WebAuthn
-- assertion (base64url), so anyone can re-verify it later against the approver's registered public key.
create table approvals_case (
    id            varchar(36)   primary key,
    subject_type  varchar(40)   not null,
    subject_id    varchar(36)   not null,
    requester     varchar(64)   not null,
    beneficiary   varchar(64)   not null,
    facts         varchar(4000) not null,
    status        varchar(12)   not null,
    created_at    timestamp with time zone not null,
    remind_at     timestamp with time zone not null,
    escalate_at   timestamp with time zone not null,
    expire_at     timestamp with time zone not null,
    concluded_at  timestamp with time zone,
    constraint uk_approvals_subject unique (subject_type, subject_id)
);

create table approvals_slot (
    id             varchar(36)  primary key,
    case_id        varchar(36)  not null references approvals_case (id),
    position       integer      not null,
    kind           varchar(20)  not null,
    approver       varchar(64),
    routed_reason  varchar(300),
    status         varchar(12)  not null,
    task_id        varchar(64),
    constraint uk_approvals_slot unique (case_id, position)
);

create table approvals_decision (
    slot_id             varchar(36)   primary key references approvals_slot (id),
    case_id             varchar(36)   not null references approvals_case (id),
    approver            varchar(64)   not null,
    decision            varchar(10)   not null,
    comment             varchar(1000),
    document            varchar(8000) not null,
    credential_id       varchar(1400) not null,
    authenticator_data  varchar(2000) not null,
    client_data_json    varchar(4000) not null,
    signature           varchar(1000) not null,
    decided_at          timestamp with time zone not null,
    -- one person fills at most one slot of a case (separation of duties), also under concurrency
    constraint uk_approvals_one_slot_per_person unique (case_id, approver)
);

-- A decision prepared for signing: the browser has the document's hash as its WebAuthn challenge.
create table approvals_challenge (
    nonce       varchar(64)   primary key,
    slot_id     varchar(36)   not null references approvals_slot (id),
    approver    varchar(64)   not null,
    decision    varchar(10)   not null,
    comment     varchar(1000),
    document    varchar(8000) not null,
    expires_at  timestamp with time zone not null
);
