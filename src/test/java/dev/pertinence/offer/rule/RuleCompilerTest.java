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

class RuleCompilerTest {

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

    @Test
    void compilesEachRuleTextOnceAndBlankMeansAlways() {
        assertSame(compiler.compile("context.hour > 3"), compiler.compile("context.hour > 3"));
        assertSame(EligibilityRule.ALWAYS, compiler.compile("  "));
    }
}
