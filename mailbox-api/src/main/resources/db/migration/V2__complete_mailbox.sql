-- The complete mailbox: customers and their opt-in, staff messages waiting for a customer's first sign-in,
-- idempotency keys, tombstones through the outbox, and the indexes housekeeping needs.

-- Every customer who signed in: the portal identity (sub), the BA customer number from the token (recorded
-- on every call, so staff messages addressed by number find the customer), and the info e-mail opt-in.
create table customer (
    customer_id            text        primary key,
    customer_number        text,
    email                  text,
    notifications_enabled  boolean     not null default false,
    first_seen_at          timestamptz not null,
    last_seen_at           timestamptz not null
);
create unique index customer_number_idx on customer (customer_number) where customer_number is not null;
create index customer_last_seen_idx on customer (last_seen_at);

-- Staff messages for a customer number no customer has signed in with yet: filed at that customer's first
-- sign-in, rejected (CUSTOMER_PENDING_EXPIRED) after postfach.customers.pending-expiry.
create table pending_staff_message (
    message_id       uuid        primary key,
    customer_number  text        not null,
    office_id        text        not null,
    payload          bytea       not null,
    received_at      timestamptz not null
);
create index pending_staff_message_number_idx on pending_staff_message (customer_number);
create index pending_staff_message_received_idx on pending_staff_message (received_at);

-- Idempotency-Key of POST /messages and replies, per customer: the request's hash and the first answer.
create table idempotency_key (
    customer_id        text        not null,
    idempotency_key    text        not null,
    request_hash       text        not null,
    state              text        not null check (state in ('IN_FLIGHT', 'DONE')),
    response_status    integer,
    response_location  text,
    response_body      text,
    created_at         timestamptz not null,
    completed_at       timestamptz,
    primary key (customer_id, idempotency_key)
);
create index idempotency_key_created_idx on idempotency_key (created_at);

-- A tombstone (null value) on a compacted topic is an outbox row without payload.
alter table outbox_event alter column payload drop not null;
create index outbox_event_published_idx on outbox_event (published_at) where published_at is not null;

-- ARCHIVED is recorded beside the delivery status.
alter table mailbox_message add column archived_at timestamptz;

create index mailbox_message_unread_idx on mailbox_message (customer_id)
    where direction = 'RECEIVED' and read_at is null and deleted_at is null;
create index mailbox_message_created_idx on mailbox_message (created_at);
create index mailbox_message_deleted_idx on mailbox_message (deleted_at) where deleted_at is not null;
create index mailbox_message_customer_idx on mailbox_message (customer_id);
