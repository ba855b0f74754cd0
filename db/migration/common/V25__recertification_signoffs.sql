-- Recertification (module recertification): each grant as a reviewer last kept it (signed, not by a deadline rule),
-- one row per grant, so delta mode finds what changed since by primary key however many campaigns came before.
create table recert_signoff (
    grant_id     varchar(36)  primary key,
    permissions  varchar(100) not null,
    valid_until  timestamp with time zone not null,
    signed_at    timestamp with time zone not null,
    campaign_id  varchar(36)  not null references recert_campaign (id),
    reviewer     varchar(64)  not null
);

insert into recert_signoff (grant_id, permissions, valid_until, signed_at, campaign_id, reviewer)
select i.grant_id, coalesce(i.kept_permissions, i.permissions), i.valid_until, i.decided_at, i.campaign_id, i.decided_by
from recert_item i
where i.status in ('KEPT', 'REDUCED') and not i.no_response
  and i.decided_at = (select max(j.decided_at) from recert_item j where j.grant_id = i.grant_id
                      and j.status in ('KEPT', 'REDUCED') and not j.no_response);

-- Items were looked up by grant only for delta mode; the sign-offs serve it now, and a launch writes one index less.
drop index ix_recert_item_grant;
