package de.jobcenter.postfach.config;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The change workflow through the API: draft, diff, submit, approve, reject, withdraw, one open change. */
@QuarkusTest
class ChangeWorkflowTest extends ConfigServiceTest {

    private static String base(String officeId) {
        return "/api/v1/offices/" + officeId;
    }

    @Test
    void anEditorDraftsAChangeAndSeesItAsADiffAgainstTheActiveConfiguration() {
        String officeId = createJobcenter("JC-ENTWURF");
        as(editorOf(officeId))
                .body(TestData.configuration()
                        .outlook("RENT_AND_HEATING", "kdu@jobcenter-ge.de")
                        .body())
                .put(base(officeId) + "/change")
                .then()
                .statusCode(201)
                .header("Location", containsString(base(officeId) + "/changes/"))
                .body("state", equalTo("DRAFT"))
                .body("author.id", equalTo("ed-" + officeId))
                .body("effectiveOn", equalTo("2099-01-05"))
                .body("configuration.concerns.RENT_AND_HEATING.outlookMailbox", equalTo("kdu@jobcenter-ge.de"))
                .body(
                        "differences.field",
                        hasItems("concerns.RENT_AND_HEATING.channel", "concerns.RENT_AND_HEATING.outlookMailbox"));

        String changeId = as(editorOf(officeId))
                .body(TestData.configuration()
                        .outlook("RENT_AND_HEATING", "kdu@jobcenter-ge.de")
                        .set("RENT_AND_HEATING", "infoText", "Antwort binnen einer Woche.")
                        .body())
                .put(base(officeId) + "/change")
                .then()
                .statusCode(200)
                .body("state", equalTo("DRAFT"))
                .extract()
                .path("changeId");

        as(reviewerOf(officeId))
                .get(base(officeId) + "/change")
                .then()
                .statusCode(200)
                .body("changeId", equalTo(changeId))
                .body("configuration.concerns.RENT_AND_HEATING.infoText", equalTo("Antwort binnen einer Woche."));
        as(reviewerOf(officeId))
                .get(base(officeId) + "/changes/" + changeId + "/diff")
                .then()
                .statusCode(200)
                .body("activeVersion", equalTo(1))
                .body("differences", hasSize(3))
                .body("differences.find { it.field == 'concerns.RENT_AND_HEATING.channel' }.before", equalTo("E-AKTE"))
                .body("differences.find { it.field == 'concerns.RENT_AND_HEATING.channel' }.after", equalTo("Outlook"))
                .body(
                        "differences.find { it.field == 'concerns.RENT_AND_HEATING.channel' }.label",
                        equalTo("Fragen zu Miete und Heizkosten: Eingangskanal"));
        as(editorOf(officeId))
                .get(base(officeId) + "/changes")
                .then()
                .statusCode(200)
                .body("changeId", hasItem(changeId));
    }

    @Test
    void everyPlausibilityErrorComesBackAtOnceInGermanAndNothingIsSaved() {
        String officeId = createJobcenter("JC-FEHLER");
        as(editorOf(officeId))
                .body(TestData.configuration()
                        .fallback("SERVICE_CENTER", null)
                        .outlook("RENT_AND_HEATING", "kdu@gmail.com")
                        .notOffered("OTHER", "Nur persönlich.")
                        .notOffered("COPY_REQUEST", null)
                        .set("APPOINTMENT_REQUEST", "channel", null)
                        .set("PROCESSING_STATUS", "infoText", "<script>alert(1)</script>")
                        .set("DEADLINE_EXTENSION", "hintText", "x".repeat(1001))
                        .serviceCenter("FURTHER_BENEFITS")
                        .body())
                .put(base(officeId) + "/change")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:postfach:problem:validation"))
                .body("title", equalTo("Die Angaben sind ungültig."))
                .body("errors", hasSize(8))
                .body(
                        "errors.field",
                        hasItems(
                                "fallbackRoute.channel",
                                "concerns.PROCESSING_STATUS.infoText",
                                "concerns.DEADLINE_EXTENSION.hintText",
                                "concerns.APPOINTMENT_REQUEST.channel",
                                "concerns.COPY_REQUEST.hintText",
                                "concerns.RENT_AND_HEATING.outlookMailbox",
                                "concerns.FURTHER_BENEFITS.channel",
                                "concerns.OTHER.offered"))
                .body(
                        "errors.find { it.field == 'concerns.OTHER.offered' }.message",
                        equalTo("„Sonstiges“ wird immer angeboten und kann nicht abgeschaltet werden."));
        as(editorOf(officeId)).get(base(officeId) + "/change").then().statusCode(404);
    }

    @Test
    void structurallyBrokenDraftsAreRefusedWithFieldErrors() {
        String officeId = createJobcenter("JC-KAPUTT");
        as(editorOf(officeId))
                .body(TestData.configuration()
                        .without("COPY_REQUEST")
                        .reviewRequired(null)
                        .body())
                .put(base(officeId) + "/change")
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("reviewRequired", "concerns.COPY_REQUEST"));
        as(editorOf(officeId))
                .body(TestData.configuration()
                        .set("COPY_REQUEST", "channel", "BRIEFTAUBE")
                        .body())
                .put(base(officeId) + "/change")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("concerns.COPY_REQUEST.channel"));
        as(editorOf(officeId))
                .body(TestData.configuration()
                        .set("COPY_REQUEST", "priority", "hoch")
                        .body())
                .put(base(officeId) + "/change")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("concerns.COPY_REQUEST.priority"));
        as(editorOf(officeId))
                .body("{\"concerns\": ")
                .put(base(officeId) + "/change")
                .then()
                .statusCode(400)
                .body("type", equalTo("urn:postfach:problem:malformed-request"));
        as(editorOf(officeId)).put(base(officeId) + "/change").then().statusCode(400);
        as(editorOf(officeId)).get(base(officeId) + "/change").then().statusCode(404);
    }

    @Test
    void theServiceCenterBeforeTheLeadTimeIsRefusedNamingTheFirstPossibleDate() {
        String officeId = newOfficeId("JC-SC-FRUEH");
        createOffice(officeId, "JOBCENTER", Map.of("serviceCenterId", "SC-SUED", "orderedOn", "2099-06-01"));
        as(editorOf(officeId))
                .body(TestData.configuration()
                        .serviceCenter("APPOINTMENT_REQUEST")
                        .body())
                .put(base(officeId) + "/change")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("concerns.APPOINTMENT_REQUEST.channel"))
                .body("errors[0].message", containsString("frühestens ab dem 13.07.2099"))
                .body("errors[0].message", containsString("würde am 05.01.2099 wirksam"));
    }

    @Test
    void aSubmittedChangeIsApprovedByASecondPersonWhoSeesItInTheirQueue() {
        String officeId = createJobcenter("JC-PRUEF");
        String changeId =
                saveDraft(officeId, TestData.configuration().outlook("COPY_REQUEST", "kopien@jobcenter-ge.de"));
        as(editorOf(officeId))
                .post(base(officeId) + "/changes/" + changeId + "/submit")
                .then()
                .statusCode(200)
                .body("state", equalTo("SUBMITTED"))
                .body("reviewRequired", equalTo(true));
        as(reviewerOf(officeId))
                .get("/api/v1/reviews")
                .then()
                .statusCode(200)
                .body("changeId", hasItem(changeId))
                .body("find { it.changeId == '" + changeId + "' }.officeName", containsString(officeId));
        as(editorOf(officeId)).get("/api/v1/reviews").then().statusCode(200).body("changeId", not(hasItem(changeId)));

        as(reviewerOf(officeId))
                .post(base(officeId) + "/changes/" + changeId + "/approve")
                .then()
                .statusCode(200)
                .body("state", equalTo("APPROVED"))
                .body("reviewer.id", equalTo("rv-" + officeId))
                .body("reviews[0].decision", equalTo("APPROVED"))
                .body("effectiveOn", equalTo("2099-01-05"));
        as(reviewerOf(officeId)).get("/api/v1/reviews").then().body("changeId", not(hasItem(changeId)));
    }

    @Test
    void aRejectionNeedsAReasonAndSendsTheChangeBackToItsAuthorWhoReworksIt() {
        String officeId = createJobcenter("JC-ABGELEHNT");
        String changeId =
                saveDraft(officeId, TestData.configuration().outlook("COPY_REQUEST", "kopien@jobcenter-ge.de"));
        submit(officeId, changeId);
        String reject = base(officeId) + "/changes/" + changeId + "/reject";

        as(reviewerOf(officeId))
                .body(Map.of("reason", " "))
                .post(reject)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        as(reviewerOf(officeId)).post(reject).then().statusCode(400);
        as(reviewerOf(officeId))
                .body(Map.of("reason", "Das Postfach gibt es nicht.", "extra", 1))
                .post(reject)
                .then()
                .statusCode(400);
        as(reviewerOf(officeId))
                .body(Map.of("reason", "Das Postfach kopien@ gibt es nicht; bitte kdu@ nehmen."))
                .post(reject)
                .then()
                .statusCode(200)
                .body("state", equalTo("REJECTED"))
                .body("rejectionReason", equalTo("Das Postfach kopien@ gibt es nicht; bitte kdu@ nehmen."));

        as(editorOf(officeId))
                .body(TestData.configuration()
                        .outlook("COPY_REQUEST", "kdu@jobcenter-ge.de")
                        .body())
                .put(base(officeId) + "/change")
                .then()
                .statusCode(200)
                .body("changeId", equalTo(changeId))
                .body("state", equalTo("DRAFT"))
                .body("rejectionReason", equalTo("Das Postfach kopien@ gibt es nicht; bitte kdu@ nehmen."));
        submit(officeId, changeId);
        as(reviewerOf(officeId))
                .post(base(officeId) + "/changes/" + changeId + "/approve")
                .then()
                .statusCode(200)
                .body("reviews.decision", equalTo(java.util.List.of("REJECTED", "APPROVED")))
                .body("rejectionReason", nullValue());
    }

    @Test
    void anOfficeHasOneOpenChangeAndAnApprovedOneStillCountsUntilItsAuthorWithdrawsIt() {
        String officeId = createJobcenter("JC-EINE");
        String changeId =
                approvedChange(officeId, TestData.configuration().outlook("COPY_REQUEST", "kdu@jobcenter-ge.de"));

        as(editor("ed-zweite", officeId))
                .body(TestData.configuration().body())
                .put(base(officeId) + "/change")
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:postfach:problem:open-change-exists"));
        as(editorOf(officeId))
                .body(TestData.configuration().body())
                .put(base(officeId) + "/change")
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:postfach:problem:open-change-exists"));
        as(editor("ed-zweite", officeId))
                .post(base(officeId) + "/changes/" + changeId + "/withdraw")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:postfach:problem:not-author"));

        as(editorOf(officeId))
                .post(base(officeId) + "/changes/" + changeId + "/withdraw")
                .then()
                .statusCode(200)
                .body("state", equalTo("WITHDRAWN"))
                .body("differences", empty());
        as(editor("ed-zweite", officeId))
                .body(TestData.configuration().body())
                .put(base(officeId) + "/change")
                .then()
                .statusCode(201);
    }

    @Test
    void aWrongWorkflowStateIsAConflict() {
        String officeId = createJobcenter("JC-STAND");
        String changeId = saveDraft(officeId, TestData.configuration().outlook("COPY_REQUEST", "kdu@jobcenter-ge.de"));
        String change = base(officeId) + "/changes/" + changeId;
        as(reviewerOf(officeId))
                .post(change + "/approve")
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:postfach:problem:change-state-conflict"))
                .body("detail", containsString("DRAFT"));
        as(reviewerOf(officeId))
                .body(Map.of("reason", "Nein."))
                .post(change + "/reject")
                .then()
                .statusCode(409);
        submit(officeId, changeId);
        as(editorOf(officeId)).post(change + "/submit").then().statusCode(409);
        as(reviewerOf(officeId)).post(change + "/approve").then().statusCode(200);
        as(reviewerOf(officeId)).post(change + "/approve").then().statusCode(409);
        as(editorOf(officeId)).post(change + "/withdraw").then().statusCode(200);
        as(editorOf(officeId)).post(change + "/withdraw").then().statusCode(409);
    }

    @Test
    void unknownChangesAreNotFound() {
        String officeId = createJobcenter("JC-UNBEKANNT");
        as(editorOf(officeId))
                .post(base(officeId) + "/changes/6f1c1a3e-0000-4000-8000-000000000000/submit")
                .then()
                .statusCode(404)
                .body("type", equalTo("urn:postfach:problem:not-found"));
        as(editorOf(officeId)).get(base(officeId) + "/changes/kein-uuid").then().statusCode(404);
        as(editorOf(officeId)).get(base(officeId) + "/change").then().statusCode(404);
    }

    @Test
    void switchingTheReviewOffIsItselfReviewedAndThenSubmittingApproves() {
        String officeId = createJobcenter("JC-OHNE-PRUEF");
        String switchOff = saveDraft(officeId, TestData.configuration().reviewRequired(false));
        as(editorOf(officeId))
                .post(base(officeId) + "/changes/" + switchOff + "/submit")
                .then()
                .statusCode(200)
                .body("state", equalTo("SUBMITTED"));
        as(reviewerOf(officeId))
                .post(base(officeId) + "/changes/" + switchOff + "/approve")
                .then()
                .statusCode(200);
        rollOutNow();
        as(editorOf(officeId))
                .get(base(officeId) + "/configuration")
                .then()
                .body("configuration.reviewRequired", equalTo(false));

        String next = saveDraft(
                officeId,
                TestData.configuration().reviewRequired(false).outlook("COPY_REQUEST", "kdu@jobcenter-ge.de"));
        as(editorOf(officeId))
                .post(base(officeId) + "/changes/" + next + "/submit")
                .then()
                .statusCode(200)
                .body("state", equalTo("APPROVED"))
                .body("reviewRequired", equalTo(false))
                .body("reviewer", nullValue());
        as(admin())
                .get(base(officeId) + "/audit")
                .then()
                .statusCode(200)
                .body(
                        "entries.find { it.changeId == '" + next
                                + "' && it.action == 'CHANGE_APPROVED' }.details.automatic",
                        equalTo(true));
    }

    @Test
    void aCentralAdministratorConfiguresAnEmploymentAgencyAndAnotherOneApproves() {
        String officeId = newOfficeId("AA-TEST");
        createOffice(officeId, "EMPLOYMENT_AGENCY", null);
        String changeId = as(admin("admin-anna"))
                .body(TestData.configuration()
                        .fallback("OUTLOOK", "post@arbeitsagentur.de")
                        .body())
                .put(base(officeId) + "/change")
                .then()
                .statusCode(201)
                .header("Location", endsWith(""))
                .extract()
                .path("changeId");
        as(admin("admin-anna"))
                .post(base(officeId) + "/changes/" + changeId + "/submit")
                .then()
                .statusCode(200);
        as(admin("admin-anna"))
                .post(base(officeId) + "/changes/" + changeId + "/approve")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:postfach:problem:own-change"));
        as(admin("admin-ben"))
                .post(base(officeId) + "/changes/" + changeId + "/approve")
                .then()
                .statusCode(200)
                .body("state", equalTo("APPROVED"));
    }
}
