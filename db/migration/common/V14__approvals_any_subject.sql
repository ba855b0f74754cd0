-- Approvals serve every governed subject (access requests, rotations, destructions, role grants...): a subject may
-- go through several cases over time, each case says in one line what is decided, and the people who may not decide
-- are listed by the subject when the case opens (instead of the engine knowing what a beneficiary is).
alter table approvals_case drop constraint uk_approvals_subject;
create index ix_approvals_case_subject on approvals_case (subject_type, subject_id);
alter table approvals_case add column summary varchar(300);
alter table approvals_case alter column beneficiary drop not null;

create table approvals_conflict (
    case_id   varchar(36)  not null references approvals_case (id),
    username  varchar(64)  not null,
    reason    varchar(300) not null,
    primary key (case_id, username)
);

-- The cases opened before: access requests, whose requester, beneficiary and the beneficiary's owner may not decide.
update approvals_case set summary = requester || ' asks for access for ' || beneficiary where summary is null;
insert into approvals_conflict (case_id, username, reason)
    select id, requester, 'You made this request; somebody else has to decide it.' from approvals_case;
insert into approvals_conflict (case_id, username, reason)
    select id, beneficiary, 'This request is for you; somebody else has to decide it.'
    from approvals_case where beneficiary <> requester;
insert into approvals_conflict (case_id, username, reason)
    select c.id, p.username, 'This request is for ' || c.beneficiary || ', which you own; somebody else has to decide it.'
    from approvals_case c
    join identity_service_account a on a.name = c.beneficiary
    join identity_person p on p.id = a.owner_id
    where c.beneficiary <> c.requester and p.username <> c.requester;
