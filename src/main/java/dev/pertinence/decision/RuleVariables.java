package dev.pertinence.decision;

import java.util.Map;

/**
 * The three variables a rule sees, as plain maps of strings, longs, doubles, booleans, lists and
 * maps (the shapes are documented in docs/rules.md). Built once per decision, shared by every rule.
 */
public record RuleVariables(Map<String, Object> customer, Map<String, Object> context, Map<String, Object> history) {

    public Map<String, Object> asMap() {
        return Map.of("customer", customer, "context", context, "history", history);
    }
}
