-- The relying party a decision was signed for (rp id and the origins then allowed): a stored decision is re-verified
-- against these, not today's configuration, so moving Keyward to another address leaves past decisions verifiable.
-- Decisions signed before this column existed have none and are checked against the configuration in force.
alter table approvals_decision add column rp_id varchar(253);
alter table approvals_decision add column rp_origins varchar(2000);

-- The same for a reviewer's signed batch of recertification decisions.
alter table recert_batch add column rp_id varchar(253);
alter table recert_batch add column rp_origins varchar(2000);
