package de.jobcenter.postfach.notification.infomail;

import static org.assertj.core.api.Assertions.assertThat;

import de.jobcenter.postfach.contracts.OfficeType;
import io.vertx.ext.mail.SMTPException;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class SendFailureTest {
    private static final String ADDRESS = "kundin@example.org";

    @Test
    void aPermanentSmtpReplyIsPermanentAndNamesOnlyItsCode() {
        SMTPException refused = new SMTPException(
                "550 5.1.1 <" + ADDRESS + ">: Recipient address rejected",
                550,
                List.of("5.1.1 <" + ADDRESS + ">: Recipient address rejected"),
                true);

        SendFailure failure = SendFailure.of(new CompletionException(refused));

        assertThat(failure.permanent()).isTrue();
        assertThat(failure.detail()).isEqualTo("SMTP reply 550");
    }

    @Test
    void aTransientSmtpReplyIsRetried() {
        SMTPException busy = new SMTPException("421 try again later", 421, List.of("try again later"), false);

        SendFailure failure = SendFailure.of(busy);

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.detail()).isEqualTo("SMTP reply 421");
    }

    @Test
    void aRefusedConnectionIsRetriedAndDescribedWithoutItsMessage() {
        SendFailure failure = SendFailure.of(new CompletionException(new ConnectException("no route to " + ADDRESS)));

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.detail()).contains("java.net.ConnectException").doesNotContain(ADDRESS);
    }

    @Test
    void anAddressTheMailerCannotUseIsPermanent() {
        SendFailure failure = SendFailure.of(new IllegalArgumentException("invalid address " + ADDRESS));

        assertThat(failure.permanent()).isTrue();
        assertThat(failure.detail()).doesNotContain(ADDRESS);
    }

    @Test
    void theOfficeIsNamedOnlyByItsType() {
        assertThat(InfoMailMapper.office(OfficeType.JOBCENTER)).isEqualTo("Ihr Jobcenter");
        assertThat(InfoMailMapper.office(OfficeType.EMPLOYMENT_AGENCY)).isEqualTo("Ihre Agentur für Arbeit");
    }
}
