-- Crypto API usage (module crypto), written by the in-memory meter at each flush, never once per call.
-- Per grant and operation: how often, when last and from where; the key's figures are sums over its grants.
create table crypto_usage (
    grant_id      varchar(36) not null,
    operation     varchar(16) not null,
    key_alias     varchar(64) not null,
    principal     varchar(64) not null,
    uses          bigint      not null,
    last_used_at  timestamp with time zone not null,
    last_client   varchar(64),
    primary key (grant_id, operation)
);
create index ix_crypto_usage_key on crypto_usage (key_alias);
create index ix_crypto_usage_principal on crypto_usage (principal);

-- Per key, minute, caller and operation: the series behind the usage chart.
create table crypto_usage_minute (
    key_alias  varchar(64) not null,
    minute_start timestamp with time zone not null,
    principal  varchar(64) not null,
    operation  varchar(16) not null,
    uses       bigint      not null,
    primary key (key_alias, minute_start, principal, operation)
);
