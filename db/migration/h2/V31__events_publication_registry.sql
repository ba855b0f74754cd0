-- Spring Modulith's event publication registry (spring-modulith-events-jdbc 1.4, its H2 schema, with room for a large
-- event such as a review batch's changes): every event a listener must hear after commit is stored in the publishing
-- transaction and marked complete once the listener ran, so a node that dies between commit and send resubmits it at
-- its next start. Completed rows are purged after a week.
create table event_publication (
    id               uuid not null primary key,
    completion_date  timestamp(9) with time zone,
    event_type       varchar(512) not null,
    listener_id      varchar(512) not null,
    publication_date timestamp(9) with time zone not null,
    serialized_event varchar(1000000) not null
);
create index event_publication_by_listener_id_and_serialized_event_idx on event_publication (listener_id, serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);
