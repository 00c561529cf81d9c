-- Replica of postfach.notification-preferences: who opted in, and where to write.
create table notification_preference (
    customer_id text        primary key,
    enabled     boolean     not null,
    email       text,
    changed_at  timestamptz not null
);
