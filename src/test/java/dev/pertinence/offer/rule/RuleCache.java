package dev.pertinence.offer.rule;

/** What the rule compiler caches, for tests in other packages (a draft's rule must never be there). */
public final class RuleCache {

    private RuleCache() {
    }

    public static boolean holds(RuleCompiler compiler, String text) {
        return compiler.cached(text);
    }
}
