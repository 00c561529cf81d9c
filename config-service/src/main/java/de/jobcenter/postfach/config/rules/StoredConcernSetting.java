package de.jobcenter.postfach.config.rules;

import de.jobcenter.postfach.contracts.Channel;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One concern's setting as a row of a proposed or an activated configuration. */
@Embeddable
public class StoredConcernSetting {
    @Column(name = "concern", nullable = false)
    public String concern;

    @Column(name = "offered", nullable = false)
    public boolean offered;

    @Column(name = "info_text")
    public String infoText;

    @Column(name = "hint_text")
    public String hintText;

    @Enumerated(EnumType.STRING)
    @Column(name = "channel")
    public Channel channel;

    @Column(name = "outlook_mailbox")
    public String outlookMailbox;

    @Column(name = "payment_relevant")
    public Boolean paymentRelevant;

    public static StoredConcernSetting of(String concern, ConcernSetting setting) {
        StoredConcernSetting row = new StoredConcernSetting();
        row.concern = concern;
        row.offered = setting.isOffered();
        row.infoText = setting.infoText();
        row.hintText = setting.hintText();
        row.channel = setting.channel();
        row.outlookMailbox = setting.outlookMailbox();
        row.paymentRelevant = setting.paymentRelevant();
        return row;
    }

    public ConcernSetting toSetting() {
        return new ConcernSetting(offered, infoText, hintText, channel, outlookMailbox, paymentRelevant);
    }

    /** Rows for a validated configuration's concerns. */
    public static List<StoredConcernSetting> rows(OfficeConfiguration configuration) {
        List<StoredConcernSetting> rows = new ArrayList<>();
        configuration.concerns().forEach((code, setting) -> rows.add(of(code, setting)));
        return rows;
    }

    /** The configuration the rows and the office-level columns describe, concerns in the catalogue's order. */
    public static OfficeConfiguration configuration(
            FallbackRoute fallback, boolean reviewRequired, List<StoredConcernSetting> rows, List<String> order) {
        Map<String, ConcernSetting> byCode = new LinkedHashMap<>();
        for (String code : order) {
            rows.stream()
                    .filter(r -> r.concern.equals(code))
                    .findFirst()
                    .ifPresent(r -> byCode.put(code, r.toSetting()));
        }
        rows.stream().filter(r -> !byCode.containsKey(r.concern)).forEach(r -> byCode.put(r.concern, r.toSetting()));
        return new OfficeConfiguration(fallback, reviewRequired, byCode);
    }
}
