package de.jobcenter.postfach.config.web;

import de.jobcenter.postfach.config.TestData;
import java.util.LinkedHashMap;
import java.util.Map;

/** The fields of the edit form as a browser sends them, starting from a new office's configuration. */
final class FormBody {
    private final Map<String, String> fields = new LinkedHashMap<>();

    private FormBody() {
        fields.put("fallbackRoute.channel", "EAKTE");
        fields.put("fallbackRoute.outlookMailbox", "");
        fields.put("reviewRequired", "true");
        for (String code : TestData.CONCERNS) {
            String path = "concerns." + code + ".";
            fields.put(path + "offered", "true");
            if (!code.equals("CHANGE_NOTIFICATION") && !code.equals("CONTINUATION_APPLICATION")) {
                fields.put(path + "channel", "EAKTE");
                fields.put(path + "outlookMailbox", "");
            }
            fields.put(path + "infoText", "");
            fields.put(path + "hintText", "");
            fields.put(path + "paymentRelevant", "");
        }
    }

    static FormBody initial() {
        return new FormBody();
    }

    FormBody outlook(String concern, String mailbox) {
        fields.put("concerns." + concern + ".channel", "OUTLOOK");
        fields.put("concerns." + concern + ".outlookMailbox", mailbox);
        return this;
    }

    /** Unticks „offered“ (a browser then sends no value) and sets the hint text. */
    FormBody notOffered(String concern, String hintText) {
        fields.remove("concerns." + concern + ".offered");
        fields.put("concerns." + concern + ".hintText", hintText);
        return this;
    }

    FormBody set(String field, String value) {
        fields.put(field, value);
        return this;
    }

    Map<String, String> fields() {
        return fields;
    }
}
