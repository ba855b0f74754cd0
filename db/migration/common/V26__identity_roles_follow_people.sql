-- Privileged roles follow people: nobody who left or is suspended keeps SECURITY_OFFICER, AUDITOR or ADMIN, so coming
-- back never restores them on one administrator's word (PeopleService.changeStatus keeps this true from now on).
delete from identity_person_role
 where role in ('SECURITY_OFFICER', 'AUDITOR', 'ADMIN')
   and person_id in (select id from identity_person where status <> 'ACTIVE');
