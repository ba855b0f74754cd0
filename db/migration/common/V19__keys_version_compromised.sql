-- A version marked compromised (module keys) is never used again, even after an emergency rotation made a new
-- version current and the key ACTIVE again.
alter table keys_key_version add column compromised_at timestamp with time zone;
