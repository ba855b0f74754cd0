-- Notices that a key version's cryptoperiod ends (module keys): to its owner and grant holders 30, 7 and 1 days before
-- the version stops protecting new data, and on the day (0); each once per version.
create table keys_expiry_notice (
    key_alias    varchar(64) not null,
    version_no   integer     not null,
    days_before  integer     not null,
    sent_at      timestamp with time zone not null,
    primary key (key_alias, version_no, days_before)
);
