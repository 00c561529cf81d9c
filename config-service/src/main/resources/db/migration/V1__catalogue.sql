-- The concern catalogue, maintained by central administrators. Flyway owns the schema.
create table concern (
    code                     text     primary key,
    position                 smallint not null unique,
    label                    text     not null,
    kind                     text     not null check (kind in ('MESSAGE', 'ONLINE_FLOW')),
    redirect_url             text,
    payment_relevant_default boolean  not null,
    always_offered           boolean  not null default false,
    check ((kind = 'ONLINE_FLOW') = (redirect_url is not null))
);

insert into concern (code, position, label, kind, redirect_url, payment_relevant_default, always_offered) values
    ('CHANGE_NOTIFICATION', 1, 'Veränderung mitteilen', 'ONLINE_FLOW', 'https://www.jobcenter.digital/veraenderungsmitteilung', true, false),
    ('CONTINUATION_APPLICATION', 2, 'Weiterbewilligungsantrag stellen', 'ONLINE_FLOW', 'https://www.jobcenter.digital/weiterbewilligungsantrag', true, false),
    ('PROCESSING_STATUS', 3, 'Anfragen zum Bearbeitungsstand', 'MESSAGE', null, false, false),
    ('DEADLINE_EXTENSION', 4, 'Fristverlängerung', 'MESSAGE', null, false, false),
    ('APPOINTMENT_REQUEST', 5, 'Terminanfrage', 'MESSAGE', null, false, false),
    ('COPY_REQUEST', 6, 'Anforderung von Kopien (z. B. Bescheide)', 'MESSAGE', null, false, false),
    ('RENT_AND_HEATING', 7, 'Fragen zu Miete und Heizkosten', 'MESSAGE', null, true, false),
    ('EDUCATION_AND_PARTICIPATION', 8, 'Informationen und Fragen zu Leistungen für Bildung und Teilhabe (z. B. Klassenfahrten)', 'MESSAGE', null, true, false),
    ('FURTHER_BENEFITS', 9, 'Beantragung von weiteren Leistungen (z. B. Erstausstattung für Wohnung)', 'MESSAGE', null, true, false),
    ('OTHER', 10, 'Sonstiges', 'MESSAGE', null, false, true);
