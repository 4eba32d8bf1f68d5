package dev.pertinence.offer.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.decision.EligibilityRule;
import dev.pertinence.decision.RuleVariables;
import dev.pertinence.decision.RuleVerdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

public class RuleCompilerTest {

    private final RuleCompiler compiler = new RuleCompiler();

    private static final RuleVariables KNOWN = new RuleVariables(
            Map.of("known", true, "segments", List.of("gold"), "loyaltyPoints", 1200L, "age", 41L),
            Map.of("channel", "web", "hour", 18L, "cart", List.of("sku-camera")),
            Map.of("skus", List.of("sku-camera"), "categories", List.of("photo"),
                    "daysSinceCategory", Map.of("photo", 3L),
                    "purchases", List.of(Map.of("sku", "sku-camera", "category", "photo", "daysAgo", 3L))));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "'gold' in customer.segments | true",
            "customer.loyaltyPoints > 1000.5 | true",
            "customer.age >= 18 && context.hour >= 17 | true",
            "!('sku-camera' in history.skus) | false",
            "'photo' in history.categories && history.daysSinceCategory['photo'] <= 30 | true",
            "history.purchases.exists(p, p.category == 'photo' && p.daysAgo < 7) | true",
            "has(customer.birthDate) | false",
            "context.channel in ['web', 'app'] | true",
    })
    void evaluatesRulesOverTheThreeVariables(String rule, boolean expected) {
        assertEquals(expected, compiler.compile(rule).evaluate(KNOWN).eligible());
    }

    /** Drafts (simulations, rules checked as typed) are checked as saved rules are, and never fill the saved rules' cache. */
    @Test
    void aDraftRuleIsCheckedAsASavedOneButNeverCached() {
        String draft = "'silver' in customer.segments && customer.age >= 21";
        assertFalse(compiler.compileUncached(draft).evaluate(KNOWN).eligible());
        assertFalse(compiler.cached(draft), "a draft's rule stays out of the cache");
        assertSame(EligibilityRule.ALWAYS, compiler.compileUncached(" "));
        RuleSyntaxException error = assertThrows(RuleSyntaxException.class, () -> compiler.compileUncached("customer.segment in ["));
        assertEquals(1, error.line());
        String nested = "history.purchases.exists(a, history.purchases.exists(b, history.purchases.exists(c, a.sku == c.sku)))";
        assertThrows(RuleSyntaxException.class, () -> compiler.compileUncached(nested), "too costly, as when saved");

        EligibilityRule saved = compiler.compile(draft);
        assertTrue(compiler.cached(draft), "a saved rule is cached");
        assertSame(saved, compiler.compileUncached(draft), "a draft reuses what a saved rule compiled");
    }

    @Test
    void aPatternThatIsNotARegularExpressionIsRefusedWhereItIsWritten() {
        RuleSyntaxException broken = assertThrows(RuleSyntaxException.class, () -> compiler.compile("customer.firstName.matches('[')"));
        assertEquals(1, broken.line());
        assertEquals(28, broken.column(), "the pattern's position");
        assertTrue(broken.getMessage().contains("the pattern [ is not a regular expression"), broken.getMessage());
        RuleSyntaxException global = assertThrows(RuleSyntaxException.class,
                () -> compiler.compile("has(customer.firstName) &&\n  matches(customer.firstName, 'a(b')"));
        assertEquals(2, global.line());
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> compiler.compile("customer.firstName.matches('^[A-Z][a-z]+$')"));
        // a pattern read from the person cannot be checked when saved: a broken one is an error verdict then
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> compiler.compile("customer.firstName.matches(customer.lastName)"));
    }

    @Test
    void aMissingFieldIsAnErrorVerdictNotAnException() {
        RuleVerdict verdict = compiler.compile("customer.region == 'north'").evaluate(KNOWN);
        assertFalse(verdict.eligible());
        assertNotNull(verdict.error());
    }

    @Test
    void reportsWhereARuleFailsToCompile() {
        RuleSyntaxException error = assertThrows(RuleSyntaxException.class, () -> compiler.compile("customer.segment in ["));
        assertEquals(1, error.line());
        assertTrue(error.column() > 1, "column " + error.column());
        assertTrue(error.getMessage().contains("line 1"));
        RuleSyntaxException notBoolean = assertThrows(RuleSyntaxException.class, () -> compiler.compile("customer.age + 1"));
        assertEquals("rule", notBoolean.field());
        assertThrows(RuleSyntaxException.class, () -> compiler.compile("unknownVariable == 1"));
        RuleSyntaxException secondLine = assertThrows(RuleSyntaxException.class, () -> compiler.compile("true &&\n (1 +)"));
        assertEquals(2, secondLine.line());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "customer.segment == 'gold' | undefined field 'segment' | 9",
            "customer.age >= '18' | no matching overload for '_>=_' applied to '(int, string)' | 14",
            "customer.age | expected type 'bool' but found 'int' | 9",
            "history.purchases.exists(p, p.price > 3) | undefined field 'price' | 30",
            "context.cart.size() > '2' | no matching overload | 21",
            "history.daysSinceSku['milk'] == 'yesterday' | no matching overload | 30",
    })
    void refusesRulesThatDoNotTypeCheckWithWhereAndWhy(String rule, String problem, int column) {
        RuleSyntaxException error = assertThrows(RuleSyntaxException.class, () -> compiler.compile(rule));
        assertTrue(error.getMessage().contains(problem), error.getMessage());
        assertEquals(1, error.line());
        assertEquals(column, error.column(), error.getMessage());
        assertFalse(error.getMessage().contains("pertinence.Customer"), "CEL's type names stay inside: " + error.getMessage());
    }

    @Test
    void anUnknownFieldNamesTheFieldsThereAre() {
        RuleSyntaxException error = assertThrows(RuleSyntaxException.class, () -> compiler.compile("customer.segment == 'gold'"));
        assertTrue(error.getMessage().contains("customer.segments"), error.getMessage());
    }

    /** The rule that took a decision 7.9 s: seven nested exists over a ten-element list. */
    public static String nested(int levels) {
        StringBuilder rule = new StringBuilder("false");
        for (int level = levels - 1; level >= 0; level--) {
            rule.insert(0, "[0,1,2,3,4,5,6,7,8,9].exists(v" + level + ", ").append(")");
        }
        return "!(" + rule + ")";
    }

    @Test
    void refusesARuleWhoseWorstCaseCostsTooMuch() {
        RuleSyntaxException error = assertThrows(RuleSyntaxException.class, () -> compiler.compile(nested(7)));
        assertEquals("rule", error.field());
        assertTrue(error.getMessage().contains("over the limit of 20,000"), error.getMessage());
        assertThrows(RuleSyntaxException.class, () -> compiler.compile(nested(4)));
        assertTrue(compiler.compile(nested(2)).evaluate(KNOWN).eligible());
        // the variables' lists are bounded too: 50 purchases × 100 cart items × each comparison
        assertThrows(RuleSyntaxException.class,
                () -> compiler.compile("history.purchases.exists(p, history.purchases.exists(q, context.cart.exists(c, c == p.sku && c == q.sku)))"));
        // lists in lists: iterating an element's elements, or what a map() built, is not free either
        String tenByTen = "[" + String.join(",", java.util.Collections.nCopies(10, "[0,1,2,3,4,5,6,7,8,9]")) + "]";
        assertThrows(RuleSyntaxException.class, () -> compiler.compile(
                tenByTen + ".exists(a, a.exists(b, " + tenByTen + ".exists(c, c.exists(d, " + tenByTen + ".exists(e, e.exists(f, false)))))))"));
        assertThrows(RuleSyntaxException.class, () -> compiler.compile(
                "history.skus.map(s, history.skus).exists(a, a.exists(b, history.skus.exists(c, b == c)))"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "customer.known | 2",
            "'gold' in customer.segments | 54",
            "history.purchases.exists(p, p.category == 'baby' && p.daysAgo < 90) | 705",
            "context.cart.exists(c, c in history.skus) | 5,905",
            "[1, 2, 3].map(x, x * 2).size() == 3 | 31",
    })
    void estimatesTheWorstCaseOfEveryDocumentedShape(String rule, String steps) {
        assertEquals(Double.parseDouble(steps.replace(",", "")), compiler.cost(rule), 0.5, rule);
    }

    @Test
    void stopsAnEvaluationPastItsStepBudgetWhateverTheRuleSays() {
        var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        RuleCompiler lenient = new RuleCompiler(Long.MAX_VALUE, 1_000, 50, registry);
        long started = System.nanoTime();
        RuleVerdict verdict = lenient.compile(nested(7)).evaluate(KNOWN);
        assertTrue((System.nanoTime() - started) < 1_000_000_000L, "stopped, not run to its end");
        assertFalse(verdict.eligible());
        assertTrue(verdict.error().contains("more than 1000 evaluation steps"), verdict.error());
        // an error inside `||` is absorbed by CEL when the other side is true: the budget still fails the rule
        RuleVerdict absorbed = lenient.compile("(" + nested(7) + ") || true").evaluate(KNOWN);
        assertFalse(absorbed.eligible());
        assertNotNull(absorbed.error());
        assertEquals(2.0, registry.get("pertinence_rule_errors").tag("cause", "over_budget").counter().count());
        assertTrue(lenient.compile("'gold' in customer.segments").evaluate(KNOWN).eligible(), "an ordinary rule is untouched");
    }

    @Test
    void aStoredRuleRefusedSinceIsNeverEligibleAndSaysWhy() {
        RuleVerdict verdict = compiler.compileStored("customer.segment == 'gold'").evaluate(KNOWN);
        assertFalse(verdict.eligible());
        assertTrue(verdict.error().startsWith("its stored rule is refused: rule does not compile"), verdict.error());
        assertTrue(compiler.compileStored("customer.known").evaluate(KNOWN).eligible());
    }

    @Test
    void compilesEachRuleTextOnceAndBlankMeansAlways() {
        assertSame(compiler.compile("context.hour > 3"), compiler.compile("context.hour > 3"));
        assertSame(EligibilityRule.ALWAYS, compiler.compile("  "));
    }
}
