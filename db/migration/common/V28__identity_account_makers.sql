-- Whoever made an account is not its approver: who created a person, who set their manager by hand, and since when
-- the person signs in only with credentials of their own (null while a password somebody else chose still works).
-- People made before this column existed, and people made by the system (demo data, HR), have no maker.
alter table identity_person add column created_by varchar(64);
alter table identity_person add column manager_set_by varchar(64);
alter table identity_person add column own_credentials_at timestamp with time zone;
