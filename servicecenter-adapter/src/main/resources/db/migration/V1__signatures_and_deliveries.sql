-- Each VCC signature is accepted once, across every replica: the first request that inserts it wins; a replay finds
-- the row and is refused. Rows are purged once their timestamp is outside the signature window anyway.
create table used_signature (
    signature  varchar(100) primary key,
    used_at    timestamptz  not null,
    expires_at timestamptz  not null
);
create index used_signature_expires_at on used_signature (expires_at);

-- What was handed to the VCC, so a staff reply that names only its ticket (externalReference = the customer
-- message's id) can be completed with the customer and conversation. No subject, no body.
create table ticket_delivery (
    message_id      uuid         primary key,
    office_id       varchar(64)  not null,
    conversation_id uuid         not null,
    customer_id     varchar(255) not null,
    customer_number varchar(32),
    recorded_at     timestamptz  not null
);
