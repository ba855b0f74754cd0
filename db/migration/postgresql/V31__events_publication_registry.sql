-- Spring Modulith's event publication registry (spring-modulith-events-jdbc 1.4, its PostgreSQL schema): every event a
-- listener must hear after commit is stored in the publishing transaction and marked complete once the listener ran,
-- so a node that dies between commit and send resubmits it at its next start. Completed rows are purged after a week.
create table event_publication (
    id               uuid not null primary key,
    listener_id      text not null,
    event_type       text not null,
    serialized_event text not null,
    publication_date timestamp with time zone not null,
    completion_date  timestamp with time zone
);
create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);
