package de.jobcenter.postfach.config;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import de.jobcenter.postfach.config.publication.PublicationService;
import de.jobcenter.postfach.config.rollout.RolloutScheduler;
import de.jobcenter.postfach.config.rules.GermanDates;
import de.jobcenter.postfach.contracts.CloudEventHeaders;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated;
import de.jobcenter.postfach.contracts.RouteRef;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.testing.KafkaBroker;
import de.jobcenter.postfach.testing.TopicProbe;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The rollout: activation, re-check on its date, publication, retries, alerts, republication. */
@QuarkusTest
class RolloutTest extends ConfigServiceTest {
    @Inject
    AgroalDataSource dataSource;

    @Inject
    RolloutScheduler scheduler;

    @Inject
    PublicationService publication;

    private static OfficeConfigurationActivated awaitVersion(TopicProbe probe, String officeId, long version) {
        return EventJson.read(awaitRecord(probe, officeId, version).value(), OfficeConfigurationActivated.class);
    }

    private static ConsumerRecord<String, byte[]> awaitRecord(TopicProbe probe, String officeId, long version) {
        return probe.await(
                        r -> officeId.equals(r.key())
                                && EventJson.read(r.value(), OfficeConfigurationActivated.class)
                                                .version()
                                        == version,
                        1,
                        Duration.ofSeconds(30))
                .get(0);
    }

    private void sql(String statement) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement s = connection.createStatement()) {
            s.execute(statement);
        }
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    @Test
    void aRolloutActivatesApprovedChangesBumpsTheVersionAndPublishesTheWholeConfiguration() {
        String officeId = createJobcenter("JC-ROLLOUT");
        String changeId = approvedChange(
                officeId,
                TestData.configuration()
                        .outlook("RENT_AND_HEATING", "kdu@jobcenter-ge.de")
                        .fallback("OUTLOOK", "post@jobcenter-ge.de")
                        .set("PROCESSING_STATUS", "infoText", "Die Bearbeitung dauert drei Wochen.")
                        .set("PROCESSING_STATUS", "paymentRelevant", true)
                        .notOffered(
                                "EDUCATION_AND_PARTICIPATION",
                                "Zuständig ist das Bezirksamt: https://www.berlin.de/but"));

        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.OFFICE_CONFIG)) {
            rollOutNow().body("trigger", equalTo("MANUAL")).body("activated", greaterThanOrEqualTo(1));

            ConsumerRecord<String, byte[]> record = awaitRecord(probe, officeId, 2);
            OfficeConfigurationActivated event = EventJson.read(record.value(), OfficeConfigurationActivated.class);
            assertThat(record.key()).isEqualTo(officeId);
            assertThat(TopicProbe.header(record, CloudEventHeaders.SPECVERSION)).isEqualTo("1.0");
            assertThat(TopicProbe.header(record, CloudEventHeaders.TYPE))
                    .isEqualTo("de.jobcenter.postfach.OfficeConfigurationActivated.v1");
            assertThat(TopicProbe.header(record, CloudEventHeaders.SOURCE)).isEqualTo("/postfach/config-service");
            assertThat(TopicProbe.header(record, CloudEventHeaders.SUBJECT)).isEqualTo(officeId);
            assertThat(TopicProbe.header(record, CloudEventHeaders.ID))
                    .isEqualTo(CloudEventHeaders.eventId(event).toString());
            assertThat(TopicProbe.header(record, CloudEventHeaders.TIME))
                    .isEqualTo(event.activatedAt().toString());

            assertThat(event.version()).isEqualTo(2);
            assertThat(event.concerns()).extracting(c -> c.concern()).containsExactlyElementsOf(TestData.CONCERNS);
            assertThat(event.concern("RENT_AND_HEATING").orElseThrow().route())
                    .isEqualTo(RouteRef.outlook(officeId, "kdu@jobcenter-ge.de"));
            assertThat(event.concern("PROCESSING_STATUS").orElseThrow().infoText())
                    .isEqualTo("Die Bearbeitung dauert drei Wochen.");
            assertThat(event.concern("PROCESSING_STATUS").orElseThrow().paymentRelevant())
                    .isTrue();
            assertThat(event.concern("EDUCATION_AND_PARTICIPATION")
                            .orElseThrow()
                            .offered())
                    .isFalse();
            assertThat(event.concern("EDUCATION_AND_PARTICIPATION")
                            .orElseThrow()
                            .route())
                    .isNull();
            assertThat(event.fallbackRoute()).isEqualTo(RouteRef.outlook(officeId, "post@jobcenter-ge.de"));
            assertThat(event.outlookMailboxes()).containsExactly("kdu@jobcenter-ge.de", "post@jobcenter-ge.de");
            assertThat(event.serviceCenterContract()).isNull();
        }

        as(editorOf(officeId))
                .get("/api/v1/offices/" + officeId)
                .then()
                .body("activeVersion", equalTo(2))
                .body("publishedVersion", equalTo(2))
                .body("openChange", nullValue());
        as(editorOf(officeId))
                .get("/api/v1/offices/" + officeId + "/changes/" + changeId)
                .then()
                .body("state", equalTo("ACTIVE"))
                .body("activatedVersion", equalTo(2));
        as(reviewerOf(officeId))
                .get("/api/v1/offices/" + officeId + "/versions")
                .then()
                .body("[0].version", equalTo(2))
                .body("[0].kind", equalTo("CHANGE"))
                .body("[0].changeId", equalTo(changeId))
                .body("[0].author.id", equalTo("ed-" + officeId))
                .body("[0].reviewer.id", equalTo("rv-" + officeId))
                .body("[0].changes.field", hasItem("concerns.RENT_AND_HEATING.outlookMailbox"))
                .body("[1].version", equalTo(1))
                .body("[1].kind", equalTo("INITIAL"));
        assertThat(metrics()).contains("postfach_config_published_version{office=\"" + officeId + "\"} 2.0");
    }

    @Test
    void aRolloutOfManyOfficesActivatesEveryChangeAndPublishesEachOfficeExactlyOnce() throws SQLException {
        String template = createJobcenter("JC-VIELE");
        approvedChange(template, TestData.configuration().outlook("RENT_AND_HEATING", "kdu@jobcenter-ge.de"));
        // More offices than one batch of the rollout, so several batches and their publications take part.
        Set<String> offices = new TreeSet<>(copiesWithApprovedChange(template, 250));
        offices.add(template);

        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.OFFICE_CONFIG)) {
            rollOutNow().body("activated", greaterThanOrEqualTo(offices.size()));

            probe.await(r -> offices.contains(r.key()), offices.size(), Duration.ofSeconds(60));
            List<OfficeConfigurationActivated> ours = probe.drain(Duration.ofSeconds(1)).stream()
                    .filter(r -> offices.contains(r.key()))
                    .map(r -> EventJson.read(r.value(), OfficeConfigurationActivated.class))
                    .toList();
            assertThat(ours).hasSize(offices.size());
            assertThat(ours)
                    .extracting(OfficeConfigurationActivated::officeId)
                    .containsExactlyInAnyOrderElementsOf(offices);
            assertThat(ours).allSatisfy(event -> {
                assertThat(event.version()).isEqualTo(2);
                assertThat(event.concern("RENT_AND_HEATING").orElseThrow().route())
                        .isEqualTo(RouteRef.outlook(event.officeId(), "kdu@jobcenter-ge.de"));
            });
        }

        List<Map<String, Object>> summaries = as(admin())
                .get("/api/v1/offices")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        assertThat(summaries.stream().filter(o -> offices.contains((String) o.get("officeId"))))
                .hasSize(offices.size())
                .allSatisfy(o -> {
                    assertThat(o.get("activeVersion")).isEqualTo(2);
                    assertThat(o.get("publishedVersion")).isEqualTo(2);
                    assertThat(o.get("publishPending")).isEqualTo(false);
                    assertThat(o.get("openChange")).isNull();
                });
        String copy =
                offices.stream().filter(id -> !id.equals(template)).findFirst().orElseThrow();
        as(admin())
                .get("/api/v1/offices/" + copy + "/configuration")
                .then()
                .body("version", equalTo(2))
                .body("configuration.concerns.RENT_AND_HEATING.outlookMailbox", equalTo("kdu@jobcenter-ge.de"));
        assertThat(perOffice(
                        "select office_id, count(*) from audit_entry where action = 'CHANGE_ACTIVATED' and version = 2"
                                + " and office_id like '" + template + "%' group by office_id"))
                .containsOnlyKeys(offices)
                .allSatisfy((office, entries) -> assertThat(entries).isEqualTo(1L));
        assertThat(perOffice("select office_id, count(*) from change_request where state = 'ACTIVE'"
                        + " and activated_version = 2 and office_id like '" + template + "%' group by office_id"))
                .containsOnlyKeys(offices);
        assertThat(perOffice("select v.office_id, count(*) from office_version v join office_version_concern c"
                        + " on c.version_id = v.id where v.version = 2 and v.kind = 'CHANGE'"
                        + " and v.office_id like '" + template + "%' group by v.office_id"))
                .containsOnlyKeys(offices)
                .allSatisfy((office, concerns) -> assertThat(concerns).isEqualTo((long) TestData.CONCERNS.size()));
    }

    /**
     * {@code count} copies of the office, each with its version 1 (published) and a copy of its approved change:
     * written in SQL, because preparing hundreds of offices through the API would take most of the test's time.
     */
    private List<String> copiesWithApprovedChange(String template, int count) throws SQLException {
        String copies = "(select '" + template + "-' || lpad(n::text, 4, '0') as office_id"
                + " from generate_series(1, " + count + ") n) copies";
        sql("insert into office (office_id, name, type, go_live_on, suspended, active_version, published_version,"
                + " publish_pending, created_at, updated_at) select copies.office_id, o.name, o.type, o.go_live_on,"
                + " o.suspended, 1, 1, false, o.created_at, o.updated_at from office o, " + copies
                + " where o.office_id = '" + template + "'");
        sql("insert into office_version (office_id, version, kind, activated_at, author_id, author_name, name, type,"
                + " go_live_on, suspended, fallback_channel, fallback_mailbox, review_required)"
                + " select copies.office_id, 1, v.kind, v.activated_at, v.author_id, v.author_name, v.name, v.type,"
                + " v.go_live_on, v.suspended, v.fallback_channel, v.fallback_mailbox, v.review_required"
                + " from office_version v, " + copies + " where v.office_id = '" + template + "' and v.version = 1");
        sql("insert into office_version_concern (version_id, concern, offered, info_text, hint_text, channel,"
                + " outlook_mailbox, payment_relevant) select copy.id, c.concern, c.offered, c.info_text, c.hint_text,"
                + " c.channel, c.outlook_mailbox, c.payment_relevant from office_version v"
                + " join office_version_concern c on c.version_id = v.id"
                + " join office_version copy on copy.office_id like '" + template + "-%' and copy.version = 1"
                + " where v.office_id = '" + template + "' and v.version = 1");
        sql("insert into change_request (change_id, office_id, state, author_id, author_name, created_at, updated_at,"
                + " submitted_at, review_required, reviewer_id, reviewer_name, reviewed_at, fallback_channel,"
                + " fallback_mailbox, proposed_review_required) select md5(copies.office_id)::uuid, copies.office_id,"
                + " c.state, c.author_id, c.author_name, c.created_at, c.updated_at, c.submitted_at, c.review_required,"
                + " c.reviewer_id, c.reviewer_name, c.reviewed_at, c.fallback_channel, c.fallback_mailbox,"
                + " c.proposed_review_required from change_request c, " + copies + " where c.office_id = '" + template
                + "' and c.state = 'APPROVED'");
        sql("insert into change_request_concern (change_id, concern, offered, info_text, hint_text, channel,"
                + " outlook_mailbox, payment_relevant) select copy.change_id, c.concern, c.offered, c.info_text,"
                + " c.hint_text, c.channel, c.outlook_mailbox, c.payment_relevant from change_request t"
                + " join change_request_concern c on c.change_id = t.change_id"
                + " join change_request copy on copy.office_id like '" + template + "-%'"
                + " where t.office_id = '" + template + "' and t.state = 'APPROVED'");
        return perOffice("select office_id, count(*) from change_request where state = 'APPROVED' and office_id like '"
                        + template + "-%' group by office_id")
                .keySet()
                .stream()
                .toList();
    }

    private Map<String, Long> perOffice(String query) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection connection = dataSource.getConnection();
                Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    @Test
    void aChangeThatNoLongerPassesTheRulesOnTheRolloutDateIsHeldWithItsReasons() {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Berlin"));
        LocalDate orderedOn = today.plusDays(1);
        String officeId = newOfficeId("JC-ZURUECK");
        createOffice(officeId, "JOBCENTER", Map.of("serviceCenterId", "SC-OST", "orderedOn", orderedOn.toString()));
        // Submitted for the next weekly rollout (2099 in tests) the lead time is met; "roll out now" is too early.
        String changeId = approvedChange(officeId, TestData.configuration().serviceCenter("APPOINTMENT_REQUEST"));

        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.OFFICE_CONFIG)) {
            rollOutNow().body("held", greaterThanOrEqualTo(1));
            assertThat(probe.drain(Duration.ofSeconds(1))).noneMatch(r -> officeId.equals(r.key()));
        }

        as(editorOf(officeId))
                .get("/api/v1/offices/" + officeId + "/change")
                .then()
                .statusCode(200)
                .body("changeId", equalTo(changeId))
                .body("state", equalTo("HELD"))
                .body("holdReasons[0].field", equalTo("concerns.APPOINTMENT_REQUEST.channel"))
                .body(
                        "holdReasons[0].message",
                        containsString("frühestens ab dem " + GermanDates.format(orderedOn.plusWeeks(6))));
        as(reviewerOf(officeId))
                .get("/api/v1/offices/" + officeId + "/changes/" + changeId)
                .then()
                .body("state", equalTo("HELD"))
                .body("holdReasons[0].message", containsString("Auftrag vom " + GermanDates.format(orderedOn)));
        as(admin()).get("/api/v1/offices/" + officeId).then().body("activeVersion", equalTo(1));
        as(editorOf(officeId))
                .post("/api/v1/offices/" + officeId + "/changes/" + changeId + "/withdraw")
                .then()
                .statusCode(200)
                .body("state", equalTo("WITHDRAWN"));
    }

    @Test
    void aFailingOfficeDoesNotStopTheOthersIsRetriedAndAlertsAfterThreeFailures() throws SQLException {
        String failing = createJobcenter("JC-FEHLT");
        String fine = createJobcenter("JC-KLAPPT");
        approvedChange(failing, TestData.configuration().outlook("COPY_REQUEST", "kdu@jobcenter-ge.de"));
        approvedChange(fine, TestData.configuration().outlook("COPY_REQUEST", "kdu@jobcenter-ge.de"));
        String function = "test_fail_" + failing.replace('-', '_').toLowerCase();
        sql("create function " + function + "() returns trigger language plpgsql as $$ begin if new.office_id = '"
                + failing + "' then raise exception 'simulated outage of one office'; end if; return new; end $$");
        sql("create trigger " + function + " before insert on office_version for each row execute function " + function
                + "()");
        try {
            rollOutNow().body("failed", greaterThanOrEqualTo(1)).body("activated", greaterThanOrEqualTo(1));
            as(admin()).get("/api/v1/offices/" + fine).then().body("activeVersion", equalTo(2));
            as(admin())
                    .get("/api/v1/offices/" + failing)
                    .then()
                    .body("activeVersion", equalTo(1))
                    .body("rolloutRetryDue", equalTo(true))
                    .body("rolloutFailures", equalTo(1))
                    .body("openChange.state", equalTo("APPROVED"));
            assertThat(metrics()).doesNotContain("kind=\"rollout\",office=\"" + failing + "\"");

            scheduler.retryNow();
            scheduler.retryNow();
            as(admin()).get("/api/v1/offices/" + failing).then().body("rolloutFailures", equalTo(3));
            assertThat(metrics())
                    .contains("postfach_config_alerts_total{kind=\"rollout\",office=\"" + failing + "\"} 1.0");
        } finally {
            sql("drop trigger " + function + " on office_version");
            sql("drop function " + function + "()");
        }

        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.OFFICE_CONFIG)) {
            scheduler.retryNow();
            assertThat(awaitVersion(probe, failing, 2)
                            .concern("COPY_REQUEST")
                            .orElseThrow()
                            .route())
                    .isEqualTo(RouteRef.outlook(failing, "kdu@jobcenter-ge.de"));
        }
        as(admin())
                .get("/api/v1/offices/" + failing)
                .then()
                .body("activeVersion", equalTo(2))
                .body("rolloutRetryDue", equalTo(false))
                .body("rolloutFailures", equalTo(0))
                .body("openChange", nullValue());
        as(admin())
                .get("/api/v1/offices/" + failing + "/audit")
                .then()
                .body("entries.action", hasItem("ROLLOUT_OFFICE_FAILED"))
                .body("entries.action", hasItem("CHANGE_ACTIVATED"));
    }

    @Test
    void aCentralAdministratorRepublishesEveryOfficeWithStableEventIds() {
        String officeId = createJobcenter("JC-NOCHMAL");
        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.OFFICE_CONFIG)) {
            as(admin())
                    .post("/api/v1/rollouts/republish")
                    .then()
                    .statusCode(200)
                    .body("published", greaterThanOrEqualTo(1))
                    .body("failed", equalTo(0));
            ConsumerRecord<String, byte[]> record = awaitRecord(probe, officeId, 1);
            OfficeConfigurationActivated event = EventJson.read(record.value(), OfficeConfigurationActivated.class);
            assertThat(TopicProbe.header(record, CloudEventHeaders.ID))
                    .isEqualTo(CloudEventHeaders.eventId(event).toString());
        }
        as(admin()).get("/api/v1/audit").then().body("entries.action", hasItem("REPUBLISH_REQUESTED"));
    }

    @Test
    void everyoneSeesWhenTheNextRolloutRuns() {
        rollOutNow();
        as(reviewer("rv-plan", "JC-IRGENDWO"))
                .get("/api/v1/rollouts")
                .then()
                .statusCode(200)
                .body("cron", equalTo("0 0 6 ? * MON 2099"))
                .body("timeZone", equalTo("Europe/Berlin"))
                .body("nextRunAt", equalTo("2099-01-05T06:00:00+01:00"))
                .body("nextEffectiveOn", equalTo("2099-01-05"))
                .body("recentRuns[0].trigger", not(nullValue()));
    }

    @Test
    void onlyOneRolloutRunsAtATime() throws SQLException {
        try (Connection otherReplica = dataSource.getConnection();
                Statement s = otherReplica.createStatement()) {
            s.execute("select pg_advisory_lock(" + 0x726f6c6c6f7574L + ")");
            as(admin())
                    .post("/api/v1/rollouts")
                    .then()
                    .statusCode(409)
                    .body("type", equalTo("urn:postfach:problem:rollout-running"));
            s.execute("select pg_advisory_unlock(" + 0x726f6c6c6f7574L + ")");
        }
        rollOutNow();
    }

    @Test
    void aRolloutWhileKafkaIsAwayActivatesAndThePublicationFollowsWhenKafkaIsBack() {
        String officeId = createJobcenter("JC-OHNE-KAFKA");
        approvedChange(officeId, TestData.configuration().outlook("COPY_REQUEST", "kopien@jobcenter-ge.de"));
        KafkaBroker broker = KafkaBroker.shared();
        broker.stop();
        try {
            rollOutNow().body("activated", greaterThanOrEqualTo(1)).body("publicationFailed", greaterThanOrEqualTo(1));
            as(admin())
                    .get("/api/v1/offices/" + officeId)
                    .then()
                    .body("activeVersion", equalTo(2))
                    .body("publishedVersion", equalTo(1))
                    .body("publishPending", equalTo(true))
                    .body("openChange", nullValue());
        } finally {
            broker.restart();
        }

        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.OFFICE_CONFIG)) {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        scheduler.retryNow();
                        as(admin())
                                .get("/api/v1/offices/" + officeId)
                                .then()
                                .body("publishPending", equalTo(false))
                                .body("publishedVersion", equalTo(2));
                    });
            assertThat(awaitVersion(probe, officeId, 2)
                            .concern("COPY_REQUEST")
                            .orElseThrow()
                            .route())
                    .isEqualTo(RouteRef.outlook(officeId, "kopien@jobcenter-ge.de"));
        }
    }

    @Test
    void aPublicationIsNotLostWhileKafkaIsAwayAndAlertsAfterThreeFailures() {
        String officeId = createJobcenter("JC-KAFKA-WEG");
        KafkaBroker broker = KafkaBroker.shared();
        broker.stop();
        try {
            as(admin())
                    .body(TestData.office(officeId, "JOBCENTER")
                            .set("suspended", true)
                            .masterData())
                    .put("/api/v1/offices/" + officeId)
                    .then()
                    .statusCode(200)
                    .body("suspended", equalTo(true))
                    .body("activeVersion", equalTo(2))
                    .body("publishedVersion", equalTo(1))
                    .body("publishPending", equalTo(true))
                    .body("publishFailures", equalTo(1));
            publication.publishPending(officeId);
            publication.publishPending(officeId);
            as(admin()).get("/api/v1/offices/" + officeId).then().body("publishFailures", equalTo(3));
            assertThat(metrics())
                    .contains("postfach_config_alerts_total{kind=\"publication\",office=\"" + officeId + "\"} 1.0");
        } finally {
            broker.restart();
        }

        try (TopicProbe probe = TopicProbe.fromNow(bootstrap(), Topics.OFFICE_CONFIG)) {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        scheduler.retryNow();
                        as(admin())
                                .get("/api/v1/offices/" + officeId)
                                .then()
                                .body("publishPending", equalTo(false))
                                .body("publishedVersion", equalTo(2))
                                .body("publishFailures", equalTo(0));
                    });
            OfficeConfigurationActivated event = awaitVersion(probe, officeId, 2);
            assertThat(event.suspended()).isTrue();
            List<ConsumerRecord<String, byte[]>> seen = probe.drain(Duration.ofMillis(200));
            assertThat(seen).anyMatch(r -> officeId.equals(r.key()));
        }
    }
}
