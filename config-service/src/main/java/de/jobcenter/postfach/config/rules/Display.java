package de.jobcenter.postfach.config.rules;

import de.jobcenter.postfach.contracts.Channel;

/** Values as the German UI and the history show them. */
public final class Display {
    public static final String NONE = "—";

    private Display() {}

    public static String channel(Channel channel) {
        if (channel == null) {
            return NONE;
        }
        return switch (channel) {
            case EAKTE -> "E-AKTE";
            case OUTLOOK -> "Outlook";
            case SERVICE_CENTER -> "Service Center";
        };
    }

    public static String yesNo(Boolean value) {
        return value == null ? NONE : value ? "ja" : "nein";
    }

    public static String text(String value) {
        return value == null ? NONE : value;
    }
}
