package de.jobcenter.postfach.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builders for request bodies, starting from what a user would send. */
public final class TestData {
    /** The catalogue's codes in order; online flows first. */
    public static final List<String> CONCERNS = List.of(
            "CHANGE_NOTIFICATION",
            "CONTINUATION_APPLICATION",
            "PROCESSING_STATUS",
            "DEADLINE_EXTENSION",
            "APPOINTMENT_REQUEST",
            "COPY_REQUEST",
            "RENT_AND_HEATING",
            "EDUCATION_AND_PARTICIPATION",
            "FURTHER_BENEFITS",
            "OTHER");

    private TestData() {}

    public static Office office(String officeId, String type) {
        return new Office(officeId, type);
    }

    /** The configuration a new office starts with, to change from there. */
    public static Configuration configuration() {
        return new Configuration();
    }

    /** A new office as a central administrator enters it. */
    public static final class Office {
        private final Map<String, Object> body = new LinkedHashMap<>();

        Office(String officeId, String type) {
            body.put("officeId", officeId);
            body.put("name", "Jobcenter Test " + officeId);
            body.put("type", type);
            body.put("goLiveOn", "2025-01-06");
            body.put("suspended", false);
        }

        public Office contract(Map<String, Object> contract) {
            body.put("serviceCenterContract", contract);
            return this;
        }

        public Office set(String field, Object value) {
            body.put(field, value);
            return this;
        }

        public Map<String, Object> body() {
            return body;
        }

        /** The body for replacing master data (no office id). */
        public Map<String, Object> masterData() {
            Map<String, Object> master = new LinkedHashMap<>(body);
            master.remove("officeId");
            return master;
        }
    }

    /** A whole office configuration, as the PUT of a draft takes it. */
    public static final class Configuration {
        private final Map<String, Object> fallback = new LinkedHashMap<>(Map.of("channel", "EAKTE"));
        private final Map<String, Map<String, Object>> concerns = new LinkedHashMap<>();
        private Object reviewRequired = true;

        Configuration() {
            for (String code : CONCERNS) {
                Map<String, Object> setting = new LinkedHashMap<>();
                setting.put("offered", true);
                if (!code.equals("CHANGE_NOTIFICATION") && !code.equals("CONTINUATION_APPLICATION")) {
                    setting.put("channel", "EAKTE");
                }
                concerns.put(code, setting);
            }
        }

        public Configuration outlook(String concern, String mailbox) {
            concerns.get(concern).put("channel", "OUTLOOK");
            concerns.get(concern).put("outlookMailbox", mailbox);
            return this;
        }

        public Configuration serviceCenter(String concern) {
            concerns.get(concern).put("channel", "SERVICE_CENTER");
            return this;
        }

        public Configuration notOffered(String concern, String hintText) {
            concerns.get(concern).put("offered", false);
            concerns.get(concern).put("hintText", hintText);
            return this;
        }

        public Configuration set(String concern, String field, Object value) {
            concerns.get(concern).put(field, value);
            return this;
        }

        public Configuration without(String concern) {
            concerns.remove(concern);
            return this;
        }

        public Configuration fallback(String channel, String mailbox) {
            fallback.put("channel", channel);
            if (mailbox != null) {
                fallback.put("outlookMailbox", mailbox);
            }
            return this;
        }

        public Configuration reviewRequired(Object required) {
            reviewRequired = required;
            return this;
        }

        public Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("fallbackRoute", fallback);
            body.put("reviewRequired", reviewRequired);
            body.put("concerns", concerns);
            return body;
        }
    }
}
