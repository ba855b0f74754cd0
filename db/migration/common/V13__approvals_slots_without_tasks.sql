-- Slots are decided as rows; the Approval process no longer keeps one user task per slot.
alter table approvals_slot drop column task_id;
