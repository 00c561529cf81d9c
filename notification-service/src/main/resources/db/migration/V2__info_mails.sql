-- One row per mailbox message this service has decided on: the deduplication key (at most one info e-mail per
-- message) and the log the quiet period is read from. No content, no e-mail address: only ids, state and times.
create table info_mail (
    message_id  uuid        primary key,
    customer_id text        not null,
    -- PENDING: about to be sent or being retried; SENT: the SMTP server accepted it; COVERED: a mail sent within
    -- the quiet period already told the customer; SKIPPED: not opted in; FAILED: the retry budget was spent and
    -- the event went to the dead-letter topic (a replay tries again).
    state       text        not null check (state in ('PENDING', 'SENT', 'COVERED', 'SKIPPED', 'FAILED')),
    covered_by  uuid,
    decided_at  timestamptz not null,
    sent_at     timestamptz,
    check ((state = 'SENT') = (sent_at is not null)),
    check ((state = 'COVERED') = (covered_by is not null))
);

-- The quiet period looks up the customer's latest sent mail.
create index info_mail_last_sent on info_mail (customer_id, sent_at desc) where state = 'SENT';
-- A tombstone forgets a customer.
create index info_mail_customer on info_mail (customer_id);
-- The retention purge.
create index info_mail_decided_at on info_mail (decided_at);
