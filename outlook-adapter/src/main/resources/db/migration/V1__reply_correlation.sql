-- outlook-adapter's state. Flyway owns the schema; Hibernate only validates it. No message content is stored here.

-- One row per customer message mailed to an office: how a staff answer finds its conversation, by the subject
-- token or by the Message-ID it answers (In-Reply-To / References). Written before the mail is sent.
create table reply_correlation (
    message_id      uuid        primary key,       -- the customer message; a staff answer's inReplyTo
    conversation_id uuid        not null,
    office_id       text        not null,
    customer_id     text        not null,
    customer_number text,
    concern         text        not null,
    mailbox         text        not null,          -- the office's configured mailbox the mail went to
    token           text        not null,          -- the subject token: HMAC of conversation and office
    mail_message_id text        not null unique,   -- the Message-ID header of the mail, angle brackets included
    created_at      timestamptz not null,
    mailed_at       timestamptz                    -- set once the SMTP server accepted the mail
);
create index reply_correlation_token_idx on reply_correlation (token, created_at desc);

-- Every mail read from the service mailbox, keyed by the id its staff message has (or would have had), so a mail
-- read again (moved back, or not moved before a crash) is neither published nor answered a second time.
create table inbound_mail (
    staff_message_id uuid        primary key,
    outcome          text        not null check (outcome in ('PUBLISHED', 'REFUSED')),
    reason           text,                          -- why it was refused (a code, never content)
    office_id        text,
    conversation_id  uuid,
    customer_number  text,
    route_mailbox    text,                          -- the office's configured mailbox the message is filed under
    received_at      timestamptz not null,
    processed_at     timestamptz not null
);

-- A StaffMessageRejected answered by mail to the office's mailbox, so a redelivered record mails only once.
create table rejection_notice (
    staff_message_id uuid        primary key,
    mailbox          text        not null,
    sent_at          timestamptz not null
);
