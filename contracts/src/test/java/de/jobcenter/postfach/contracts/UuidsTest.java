package de.jobcenter.postfach.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidsTest {

    private static final UUID DNS_NAMESPACE = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
    private static final UUID URL_NAMESPACE = UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8");

    @Test
    void v5MatchesTheRfc4122TestVector() {
        assertThat(Uuids.v5(DNS_NAMESPACE, "www.example.com"))
                .isEqualTo(UUID.fromString("2ed6657d-e927-568b-95e1-2665a8aea6a2"));
    }

    @Test
    void v5CarriesVersion5AndTheRfc4122Variant() {
        UUID id = Uuids.v5(Uuids.NAMESPACE, "staff-message:EAKTE:EA-2025-0004711");

        assertThat(id.version()).isEqualTo(5);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.toString().charAt(14)).isEqualTo('5');
    }

    @Test
    void v5EncodesTheNameAsUtf8() {
        assertThat(Uuids.v5(URL_NAMESPACE, "https://jobcenter.digital/Straße"))
                .isEqualTo(UUID.fromString("f9a59941-ef51-55ce-8709-752eb0fe29a9"));
    }

    @Test
    void theProjectNamespaceIsDerivedFromTheProjectUrl() {
        assertThat(Uuids.NAMESPACE).isEqualTo(Uuids.v5(URL_NAMESPACE, "https://jobcenter.digital/postfach"));
    }

    @Test
    void aStaffMessageKeepsItsIdWhenTheSourceDeliversItAgain() {
        UUID first = Uuids.staffMessageId(Channel.OUTLOOK, "<CAF3k9Z0x7Lm@jobcenter-ge.de>");
        UUID again = Uuids.staffMessageId(Channel.OUTLOOK, "<CAF3k9Z0x7Lm@jobcenter-ge.de>");

        assertThat(again).isEqualTo(first);
        assertThat(first).isEqualTo(UUID.fromString("ba120791-2e2b-5b34-9405-f3e64ed77ecc"));
    }

    @Test
    void theSameSourceIdInAnotherChannelIsAnotherStaffMessage() {
        assertThat(Uuids.staffMessageId(Channel.EAKTE, "4711"))
                .isNotEqualTo(Uuids.staffMessageId(Channel.SERVICE_CENTER, "4711"));
    }
}
