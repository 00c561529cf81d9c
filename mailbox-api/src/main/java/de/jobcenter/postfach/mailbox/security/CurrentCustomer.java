package de.jobcenter.postfach.mailbox.security;

import de.jobcenter.postfach.mailbox.config.MailboxConfig;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The signed-in customer of the current request: the token's {@code sub} and the optional claims the mailbox
 * reads (names configurable). A claim whose value does not look like what it should be is treated as absent.
 */
@RequestScoped
public class CurrentCustomer {
    /** The longest {@code sub} accepted: Keycloak's are UUIDs, other providers' are longer but never this long. */
    public static final int ID_MAX = 255;

    private static final Pattern CUSTOMER_NUMBER = Pattern.compile("[0-9A-Za-z]{1,20}");
    private static final Pattern OFFICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]{1,189}");

    @Inject
    JsonWebToken token;

    @Inject
    MailboxConfig config;

    public String id() {
        return token.getSubject();
    }

    /** Whether the token names a customer at all: a usable {@code sub}. */
    public boolean hasUsableId() {
        String id = token.getSubject();
        return id != null
                && !id.isBlank()
                && id.length() <= ID_MAX
                && id.codePoints().noneMatch(Character::isISOControl);
    }

    public Optional<String> customerNumber() {
        return claim(config.security().customerNumberClaim())
                .filter(number -> CUSTOMER_NUMBER.matcher(number).matches());
    }

    /** The e-mail address, only when the identity provider verified it. */
    public Optional<String> verifiedEmail() {
        Object verified = token.getClaim(config.security().emailVerifiedClaim());
        boolean isVerified = verified instanceof Boolean b ? b : "true".equals(String.valueOf(verified));
        if (!isVerified) {
            return Optional.empty();
        }
        return claim(config.security().emailClaim())
                .map(String::strip)
                .filter(email -> email.length() <= 254 && EMAIL.matcher(email).matches());
    }

    /** The job centre of a running benefit case, as the token names it. */
    public Optional<String> currentOffice() {
        return claim(config.security().currentOfficeClaim())
                .filter(office -> OFFICE_ID.matcher(office).matches());
    }

    public Optional<String> acr() {
        return claim(config.security().acrClaim());
    }

    private Optional<String> claim(String name) {
        Object value = token.getClaim(name);
        if (value == null) {
            return Optional.empty();
        }
        String text = value instanceof jakarta.json.JsonString json ? json.getString() : value.toString();
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }
}
