package dev.pertinence.common;

/** Identifier shapes the API accepts, and which paths are the API, in one place so every resource and filter agrees. */
public final class ApiPatterns {

    /** Customer ids, SKUs, offer ids, store ids: printable, no spaces, at most 64 characters. */
    public static final String ID = "^[A-Za-z0-9][A-Za-z0-9._:@+-]{0,63}$";
    public static final String ID_MESSAGE = "must be 1-64 characters: letters, digits and . _ : @ + - (not first)";

    /** A SKU made from a free-text item name: "Whole milk" -> "whole-milk", "rolls/buns" -> "rolls-buns". */
    public static String slug(String name) {
        String slug = name.trim().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9._:@+-]+", "-")
                .replaceAll("^[^a-z0-9]+", "").replaceAll("-+$", "");
        return slug.length() <= 64 ? slug : slug.substring(0, 64);
    }

    /**
     * A request to the API, as opposed to Quarkus' operational endpoints under /q/ (health, metrics,
     * OpenAPI), which are never refused at capacity (probes and Prometheus must see an overloaded
     * replica) and carry no request id.
     */
    public static boolean isApi(String normalizedPath) {
        return !normalizedPath.startsWith("/q/");
    }

    private ApiPatterns() {
    }
}
