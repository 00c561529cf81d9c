package de.jobcenter.postfach.config.rules;

import de.jobcenter.postfach.contracts.Channel;

/**
 * What an office set for one concern. Texts and the mailbox are normalised on construction (see {@link PlainText}
 * and {@link MailboxAddress}); whether the setting is plausible is for {@link OfficeConfiguration#validate}.
 *
 * @param offered whether customers can pick the concern; {@code null} only in an incomplete proposal
 * @param infoText shown when the customer picks the concern
 * @param hintText shown when the concern is not offered (who is competent instead)
 * @param channel where messages of an offered message concern go; none for an online flow
 * @param outlookMailbox the office mailbox for channel {@code OUTLOOK}
 * @param paymentRelevant the office's override; {@code null} means the catalogue default
 */
public record ConcernSetting(
        Boolean offered,
        String infoText,
        String hintText,
        Channel channel,
        String outlookMailbox,
        Boolean paymentRelevant) {

    public ConcernSetting {
        infoText = PlainText.normalise(infoText);
        hintText = PlainText.normalise(hintText);
        outlookMailbox = MailboxAddress.normalise(outlookMailbox);
    }

    /** Offered with messages going to the office's E-AKTE: how every message concern of a new office starts. */
    public static ConcernSetting offeredToEakte() {
        return new ConcernSetting(true, null, null, Channel.EAKTE, null, null);
    }

    /** An online flow as a new office has it: offered, the customer is redirected. */
    public static ConcernSetting offeredOnlineFlow() {
        return new ConcernSetting(true, null, null, null, null, null);
    }

    public boolean isOffered() {
        return Boolean.TRUE.equals(offered);
    }

    public boolean effectivePaymentRelevant(boolean catalogueDefault) {
        return paymentRelevant == null ? catalogueDefault : paymentRelevant;
    }
}
