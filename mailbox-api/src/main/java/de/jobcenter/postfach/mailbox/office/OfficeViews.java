package de.jobcenter.postfach.mailbox.office;

import com.fasterxml.jackson.annotation.JsonInclude;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated.ConcernConfiguration;
import de.jobcenter.postfach.contracts.OfficeType;

/** What the API answers about offices and their concerns. */
public final class OfficeViews {
    private OfficeViews() {}

    /** An office a customer can write to. */
    public record Office(String officeId, String name, OfficeType type) {
        static Office of(OfficeConfigurationActivated office) {
            return new Office(office.officeId(), office.name(), office.type());
        }
    }

    /**
     * One concern of the catalogue as this office offers it. {@code redirectUrl} marks an online-flow concern: the
     * portal sends the customer there instead of offering the message form; {@code hintText} is shown for a
     * concern the office does not take through the mailbox.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Concern(
            String concern, String label, boolean offered, String infoText, String hintText, String redirectUrl) {
        static Concern of(ConcernConfiguration c) {
            return new Concern(
                    c.concern(),
                    c.label(),
                    c.offered() && (c.redirectUrl() == null || c.redirectUrl().isBlank()),
                    blankToNull(c.infoText()),
                    blankToNull(c.hintText()),
                    blankToNull(c.redirectUrl()));
        }

        private static String blankToNull(String text) {
            return text == null || text.isBlank() ? null : text;
        }
    }
}
