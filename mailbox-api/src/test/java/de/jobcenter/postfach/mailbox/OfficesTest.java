package de.jobcenter.postfach.mailbox;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import de.jobcenter.postfach.mailbox.support.TestOffices;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** {@code GET /offices?q=} and {@code GET /offices/{officeId}/concerns}, from the configuration replica. */
@QuarkusTest
class OfficesTest extends MailboxApiTest {

    @Test
    void searchListsOnlyLiveOfficesOfBothTypes() {
        as(newCustomer())
                .get("/api/v1/offices")
                .then()
                .statusCode(200)
                .body("officeId", hasItems(TestOffices.BERLIN_MITTE, TestOffices.AGENCY_BERLIN_NORD))
                .body("officeId", not(hasItem(TestOffices.MUENCHEN_NOT_LIVE_YET)))
                .body("officeId", not(hasItem(TestOffices.KOELN_SUSPENDED)))
                .body("find { it.officeId == 'AA-BERLIN-NORD' }.type", equalTo("EMPLOYMENT_AGENCY"))
                .body("find { it.officeId == 'JC-BERLIN-MITTE' }.name", equalTo("Jobcenter Berlin Mitte"));
    }

    @Test
    void searchFindsByNameOrIdIgnoringCase() {
        as(newCustomer())
                .queryParam("q", "BERLIN")
                .get("/api/v1/offices")
                .then()
                .statusCode(200)
                .body("officeId", contains(TestOffices.AGENCY_BERLIN_NORD, TestOffices.BERLIN_MITTE));
        as(newCustomer())
                .queryParam("q", "jc-berlin-mi")
                .get("/api/v1/offices")
                .then()
                .statusCode(200)
                .body("officeId", contains(TestOffices.BERLIN_MITTE));
        as(newCustomer())
                .queryParam("q", "köln")
                .get("/api/v1/offices")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void aSearchTermThatIsTooLongOrHasControlCharactersIsRefused() {
        for (String q : new String[] {"x".repeat(101), "Berlin\u0000", "Berlin\nMitte"}) {
            as(newCustomer())
                    .queryParam("q", q)
                    .get("/api/v1/offices")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:postfach:problem:validation"))
                    .body("errors[0].field", equalTo("q"));
        }
    }

    @Test
    void theConcernsComeInCatalogueOrderAsTheOfficeOffersThem() {
        as(newCustomer())
                .get("/api/v1/offices/" + TestOffices.BERLIN_MITTE + "/concerns")
                .then()
                .statusCode(200)
                .body("concern", contains(TestOffices.CATALOGUE.toArray()))
                .body("find { it.concern == 'PROCESSING_STATUS' }.offered", equalTo(true))
                .body("find { it.concern == 'PROCESSING_STATUS' }.label", equalTo("Anfragen zum Bearbeitungsstand"))
                .body("find { it.concern == 'PROCESSING_STATUS' }.infoText", equalTo(TestOffices.PROCESSING_INFO))
                .body("find { it.concern == 'APPOINTMENT_REQUEST' }.offered", equalTo(false))
                .body("find { it.concern == 'APPOINTMENT_REQUEST' }.hintText", equalTo(TestOffices.APPOINTMENT_HINT))
                .body("find { it.concern == 'CHANGE_NOTIFICATION' }.offered", equalTo(false))
                .body("find { it.concern == 'CHANGE_NOTIFICATION' }.redirectUrl", equalTo(TestOffices.CHANGE_REDIRECT))
                .body("find { it.concern == 'OTHER' }.redirectUrl", nullValue());
    }

    @Test
    void concernsOfAnUnknownOrNotLiveOfficeAreNotFound() {
        for (String office :
                new String[] {"JC-NIRGENDWO", TestOffices.MUENCHEN_NOT_LIVE_YET, TestOffices.KOELN_SUSPENDED}) {
            as(newCustomer())
                    .get("/api/v1/offices/" + office + "/concerns")
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:postfach:problem:office-not-found"));
        }
    }
}
