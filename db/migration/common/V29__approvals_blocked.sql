-- Approvals that cannot finish: a pending case some open slot of which nobody is left to fill (people left or lost a
-- role), with the reason and what would unblock it, as officers and administrators were told. Cleared once it can.
alter table approvals_case add column blocked_reason varchar(1000);
alter table approvals_case add column blocked_at timestamp with time zone;
