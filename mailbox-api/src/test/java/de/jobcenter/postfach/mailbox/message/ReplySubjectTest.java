package de.jobcenter.postfach.mailbox.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The default subject of a reply. */
class ReplySubjectTest {

    @Test
    void prefixesTheAnsweredSubject() {
        assertThat(MessageService.replySubject("Ihr Antrag")).isEqualTo("AW: Ihr Antrag");
    }

    @Test
    void isCutTo200CodePointsWithoutSplittingACharacter() {
        String subject = MessageService.replySubject("😀".repeat(200));
        assertThat(subject.codePointCount(0, subject.length())).isEqualTo(200);
        assertThat(subject).isEqualTo("AW: " + "😀".repeat(196));
    }

    @Test
    void doesNotCollectPrefixes() {
        assertThat(MessageService.replySubject("AW: Ihr Antrag")).isEqualTo("AW: Ihr Antrag");
        assertThat(MessageService.replySubject("aw: Ihr Antrag")).isEqualTo("aw: Ihr Antrag");
    }

    @Test
    void aStaffSubjectWithControlCharactersStillGivesAValidSubject() {
        assertThat(MessageService.replySubject("Zeile 1\nZeile 2\u202e")).isEqualTo("AW: Zeile 1 Zeile 2");
    }
}
