package dev.pertinence.common.security;

/**
 * The roles a caller's token carries (its {@code groups} claim), and what each may do
 * (docs/security.md). Every endpoint names the roles it admits; one without a rule is refused
 * ({@code quarkus.security.jaxrs.deny-unannotated-endpoints}).
 */
public final class Roles {

    /** Call-centre screens, web front ends, mobile apps: decisions, outcomes, exposures, store visits, page layouts, agent card. */
    public static final String DECISION_CLIENT = "decision-client";
    /** Marketing: offers, experiments, offline evaluations, performance, the co-purchase model. */
    public static final String MARKETER = "marketer";
    /** Feeds: customers, identifiers, consents, purchases, products, imports, model builds; the data team: offline evaluations. */
    public static final String DATA_INGEST = "data-ingest";
    /** Data protection: erasure, consent export, a person's data on request. */
    public static final String PRIVACY_OFFICER = "privacy-officer";

    public static final String[] ALL = {DECISION_CLIENT, MARKETER, DATA_INGEST, PRIVACY_OFFICER};

    private Roles() {
    }
}
