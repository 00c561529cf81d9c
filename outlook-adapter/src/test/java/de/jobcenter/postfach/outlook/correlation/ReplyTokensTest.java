package de.jobcenter.postfach.outlook.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReplyTokensTest {
    private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="; // 32 bytes
    private static final String OTHER_KEY = "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=";

    @Test
    void givesEveryMailOfAConversationTheSameTokenAndOtherConversationsOrOfficesAnother() {
        ReplyTokens tokens = ReplyTokens.withKey(KEY);
        UUID conversation = UUID.randomUUID();

        String token = tokens.token(conversation, "JC-A");

        assertThat(token).matches("[A-Z2-7]{16}");
        assertThat(tokens.token(conversation, "JC-A")).isEqualTo(token);
        assertThat(tokens.token(conversation, "JC-B")).isNotEqualTo(token);
        assertThat(tokens.token(UUID.randomUUID(), "JC-A")).isNotEqualTo(token);
        assertThat(ReplyTokens.withKey(OTHER_KEY).token(conversation, "JC-A")).isNotEqualTo(token);
    }

    @Test
    void findsTheTokenInAnAnsweredSubject() {
        assertThat(ReplyTokens.find("AW: Postfach [pf-abcdefghijklmnop]: Termin"))
                .contains("ABCDEFGHIJKLMNOP");
        assertThat(ReplyTokens.find("AW: Postfach [PF-ABC]: Termin")).isEmpty();
    }

    @Test
    void encodesBase32AsRfc4648() {
        assertThat(ReplyTokens.base32("foobarbazq".getBytes(), 10)).isEqualTo("MZXW6YTBOJRGC6TR");
    }

    @Test
    void refusesAShortKey() {
        assertThatThrownBy(() -> ReplyTokens.withKey("c2hvcnQ=")).hasMessageContaining("at least 32 bytes");
    }
}
