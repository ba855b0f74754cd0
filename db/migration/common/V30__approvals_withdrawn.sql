-- A requester may withdraw their own pending request of any kind: every governed subject can end WITHDRAWN.
alter table identity_role_request drop constraint ck_identity_role_request_status;
alter table identity_role_request add constraint ck_identity_role_request_status
    check (status in ('PENDING', 'GRANTED', 'REJECTED', 'EXPIRED', 'REFUSED', 'WITHDRAWN'));
alter table keys_rotation drop constraint ck_keys_rotation_status;
alter table keys_rotation add constraint ck_keys_rotation_status
    check (status in ('PENDING', 'ROTATING', 'DONE', 'REJECTED', 'EXPIRED', 'FAILED', 'WITHDRAWN'));
alter table keys_destruction drop constraint ck_keys_destruction_status;
alter table keys_destruction add constraint ck_keys_destruction_status
    check (status in ('PENDING', 'SCHEDULED', 'DESTROYING', 'DESTROYED', 'CANCELLED', 'REJECTED', 'EXPIRED', 'REFUSED',
                      'WITHDRAWN'));
alter table keys_retirement drop constraint ck_keys_retirement_status;
alter table keys_retirement add constraint ck_keys_retirement_status
    check (status in ('PENDING', 'RETIRED', 'REJECTED', 'EXPIRED', 'REFUSED', 'WITHDRAWN'));
alter table keys_state_request drop constraint ck_keys_state_request_status;
alter table keys_state_request add constraint ck_keys_state_request_status
    check (status in ('PENDING', 'DONE', 'REJECTED', 'EXPIRED', 'REFUSED', 'WITHDRAWN'));
