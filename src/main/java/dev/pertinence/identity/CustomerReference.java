package dev.pertinence.identity;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a caller names a customer: the customer id itself ({@code cu-42}) or one of their
 * identifiers as {@code <type>:<value>} ({@code email:jane@example.com}, {@code loyalty:4971 2233},
 * {@code phone:06 12 34 56 78}). Identifier values are normalised here, so that every spelling of
 * one email or phone number is the same reference:
 * <ul>
 *   <li>email: trimmed, lower-cased, {@code local@domain.tld};</li>
 *   <li>phone: E.164 ({@code +33612345678}): separators and a written trunk "(0)" dropped, {@code 00} read as {@code +}, a
 *       national number with a leading {@code 0} takes the configured default country code;</li>
 *   <li>loyalty card: spaces and dashes dropped, upper-cased, 4-32 letters or digits;</li>
 *   <li>device, cookie, CRM id: trimmed, kept as given (case matters), 1-128 visible characters.</li>
 * </ul>
 * A customer id may not itself start with an identifier type and a colon: every reference reads
 * one way only. Pure: no I/O.
 */
public record CustomerReference(IdentifierType type, String value) {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+$");
    private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s.\\-()/]");
    private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{7,14}$");
    private static final Pattern LOYALTY = Pattern.compile("^[A-Z0-9]{4,32}$");
    private static final Pattern OPAQUE = Pattern.compile("^[\\x21-\\x7E]{1,128}$");

    /** The reference as stored and compared: the id, or {@code <type>:<normalised value>}. */
    public String key() {
        return type == null ? value : type.wire() + ":" + value;
    }

    public boolean isIdentifier() {
        return type != null;
    }

    @Override
    public String toString() {
        return key();
    }

    /**
     * Reads a reference. {@code defaultCountryCode} (digits, e.g. "33") completes national phone
     * numbers; null refuses them.
     *
     * @throws IllegalArgumentException with a message fit for a problem's detail
     */
    public static CustomerReference parse(String raw, String defaultCountryCode) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("a customer id or identifier (type:value) is required");
        }
        String trimmed = raw.trim();
        int colon = trimmed.indexOf(':');
        IdentifierType type = colon < 0 ? null : IdentifierType.fromWire(trimmed.substring(0, colon).toLowerCase(Locale.ROOT));
        if (type == null) {
            return new CustomerReference(null, trimmed);
        }
        return new CustomerReference(type, normalise(type, trimmed.substring(colon + 1), defaultCountryCode));
    }

    /** An identifier's value in its one stored spelling. */
    public static String normalise(IdentifierType type, String raw, String defaultCountryCode) {
        String value = raw == null ? "" : raw.trim();
        return switch (type) {
            case EMAIL -> {
                String email = value.toLowerCase(Locale.ROOT);
                if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
                    throw new IllegalArgumentException("'" + clip(value) + "' is not an email address (local@domain.tld)");
                }
                yield email;
            }
            case PHONE -> phone(value, defaultCountryCode);
            case LOYALTY -> {
                String card = value.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
                if (!LOYALTY.matcher(card).matches()) {
                    throw new IllegalArgumentException("'" + clip(value) + "' is not a loyalty card number (4-32 letters or digits)");
                }
                yield card;
            }
            case DEVICE, COOKIE, CRM -> {
                if (!OPAQUE.matcher(value).matches()) {
                    throw new IllegalArgumentException("a " + type.wire() + " identifier is 1-128 visible characters, no spaces");
                }
                yield value;
            }
        };
    }

    private static String phone(String value, String defaultCountryCode) {
        String digits = PHONE_SEPARATORS.matcher(value.replace("(0)", "")).replaceAll(""); // +33 (0)6...: the trunk 0 is not dialled
        if (digits.startsWith("00")) {
            digits = "+" + digits.substring(2);
        } else if (digits.startsWith("0") && !digits.startsWith("00")) {
            if (defaultCountryCode == null || defaultCountryCode.isBlank()) {
                throw new IllegalArgumentException("'" + clip(value) + "' is a national number: give it as +<country code><number>");
            }
            digits = "+" + defaultCountryCode + digits.substring(1);
        }
        if (!E164.matcher(digits).matches()) {
            throw new IllegalArgumentException("'" + clip(value) + "' is not a phone number (+<country code><number>, 8-15 digits)");
        }
        return digits;
    }

    private static String clip(String value) {
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 40 ? clean : clean.substring(0, 40) + "…";
    }
}
