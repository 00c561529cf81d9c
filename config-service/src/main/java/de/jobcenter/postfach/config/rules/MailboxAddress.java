package de.jobcenter.postfach.config.rules;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The rules for an office's Outlook mailbox: a syntactically valid address (the practical subset of RFC 5321:
 * ASCII, dot-atom local part, host name of labels) whose domain is one of the allowed domains exactly. A
 * subdomain of an allowed domain is not accepted unless it is listed itself.
 */
public final class MailboxAddress {
    private static final Pattern LOCAL =
            Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern DOMAIN =
            Pattern.compile("(?i)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+");

    private MailboxAddress() {}

    /** The address as stored: trimmed, domain in lower case; null when empty. */
    public static String normalise(String raw) {
        if (raw == null) {
            return null;
        }
        String address = raw.strip();
        if (address.isEmpty()) {
            return null;
        }
        int at = address.lastIndexOf('@');
        return at < 0
                ? address
                : address.substring(0, at) + "@" + address.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    /** What is wrong with a normalised address, as a German message; empty when it is fine. */
    public static Optional<String> problem(String address, Set<String> allowedDomains) {
        if (address == null) {
            return Optional.of("Bitte das Outlook-Postfach angeben.");
        }
        int at = address.lastIndexOf('@');
        if (address.length() > 254 || at <= 0 || at != address.indexOf('@') || at == address.length() - 1) {
            return Optional.of(syntax());
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        if (local.length() > 64
                || !LOCAL.matcher(local).matches()
                || !DOMAIN.matcher(domain).matches()) {
            return Optional.of(syntax());
        }
        boolean allowed = allowedDomains.stream().anyMatch(d -> d.strip().equalsIgnoreCase(domain));
        if (!allowed) {
            return Optional.of("Nur Postfächer der Domänen " + String.join(", ", sorted(allowedDomains))
                    + " sind erlaubt (Subdomänen nur, wenn sie eigens zugelassen sind).");
        }
        return Optional.empty();
    }

    private static String syntax() {
        return "Bitte eine gültige E-Mail-Adresse angeben, z. B. team.leistung@jobcenter-ge.de.";
    }

    private static Set<String> sorted(Set<String> domains) {
        Set<String> sorted = new TreeSet<>();
        domains.forEach(d -> sorted.add(d.strip().toLowerCase(Locale.ROOT)));
        return sorted;
    }
}
