-- The customers' mailboxes. Flyway owns the schema; Hibernate only validates it.

create table conversation (
    conversation_id uuid        primary key,
    customer_id     text        not null,
    office_id       text        not null,
    concern         text        not null,
    started_at      timestamptz not null
);
create index conversation_customer_idx on conversation (customer_id);

-- One row per message in a customer's mailbox, in either direction.
-- direction: SENT (customer -> office) or RECEIVED (office -> customer).
create table mailbox_message (
    message_id        uuid        primary key,
    conversation_id   uuid        not null references conversation (conversation_id),
    customer_id       text        not null,
    direction         text        not null check (direction in ('SENT', 'RECEIVED')),
    office_id         text        not null,
    concern           text        not null,
    subject           text        not null,
    body              text        not null,
    in_reply_to       uuid,
    payment_relevant  boolean     not null,
    -- where a staff message came from (a customer's reply goes back there), as the event's RouteRef JSON
    route_channel           text,
    route_office_id         text,
    route_outlook_mailbox   text,
    route_service_center_id text,
    -- a sent message's delivery status: SUBMITTED -> ROUTED -> DELIVERED | FAILED
    status            text        check (status in ('SUBMITTED', 'ROUTED', 'DELIVERED', 'FAILED')),
    created_at        timestamptz not null,
    read_at           timestamptz,
    deleted_at        timestamptz
);
create index mailbox_message_folder_idx on mailbox_message (customer_id, direction, created_at desc) where deleted_at is null;
create index mailbox_message_conversation_idx on mailbox_message (conversation_id, created_at);

-- Transactional outbox: written in the same transaction as the business rows,
-- published by the relay in the order the writing transactions began (tx_id),
-- which keeps every happens-before order, in particular per conversation.
create table outbox_event (
    id            bigserial   primary key,
    tx_id         xid8        not null default pg_current_xact_id(),
    topic         text        not null,
    event_key     text,
    event_type    text        not null,
    headers       jsonb       not null,
    payload       bytea       not null,
    created_at    timestamptz not null default now(),
    published_at  timestamptz
);
create index outbox_event_unpublished_idx on outbox_event (tx_id, id) where published_at is null;
