-- Passkeys people removed (module identity): their public keys stay, so decisions signed with them can still be
-- verified later. Removal is audited with the key's SHA-256 fingerprint, so a swapped row would not match.
create table identity_retired_passkey (
    credential_id  varchar(1400) primary key,
    username       varchar(64)   not null,
    public_key     varchar(2000) not null,
    retired_at     timestamp with time zone not null
);
