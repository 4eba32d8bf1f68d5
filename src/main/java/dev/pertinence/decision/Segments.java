package dev.pertinence.decision;

/**
 * The one segment a decision is attributed to, so that figures per segment add up to the whole:
 * the customer's first segment (segments are listed most important first), "none" for a customer
 * without one, "anonymous" for a visitor.
 */
public final class Segments {

    public static final String ANONYMOUS = "anonymous";
    public static final String NONE = "none";

    private Segments() {
    }

    public static String of(CustomerProfile customer) {
        if (customer == null) {
            return ANONYMOUS;
        }
        return customer.segments() == null || customer.segments().isEmpty() ? NONE : customer.segments().get(0);
    }
}
