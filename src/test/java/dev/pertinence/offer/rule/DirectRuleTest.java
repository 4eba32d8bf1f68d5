package dev.pertinence.offer.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.decision.RuleVariables;
import dev.pertinence.decision.RuleVerdict;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link DirectRule} must give CEL's verdict (eligible, not eligible, or an error) for every rule it
 * takes: thousands of generated well-typed rules over generated people (fields missing, empty lists,
 * unicode, numbers at the edges) are evaluated by both and compared.
 */
class DirectRuleTest {

    private static final int RULES = 3_000;
    private static final int PEOPLE_PER_RULE = 6;

    private final RuleCompiler cel = new RuleCompiler(20_000, 20_000, 50, new SimpleMeterRegistry(), false);
    private final RuleCompiler direct = new RuleCompiler(20_000, 20_000, 50, new SimpleMeterRegistry(), true);

    private static final String[] WORDS = {"web", "app", "north", "gold", "photo", "baby", "sk1", "sk2", "é", "😀", "ｚ", "",
            "Web", "sk10", "a\u0000b"};

    @Test
    void givesCelsVerdictOnGeneratedRulesAndPeople() {
        SplittableRandom random = new SplittableRandom(20261130);
        int compared = 0;
        int errors = 0;
        int eligible = 0;
        for (int r = 0; r < RULES; r++) {
            String rule = bool(random, 3);
            DirectRule.Compiled fast;
            try {
                fast = DirectRule.of(new RuleCompiler().check(rule));
            } catch (RuleSyntaxException e) {
                continue; // the generator wrote something the type checker refuses: nothing to compare
            }
            assertNotNull(fast, "covered by the direct evaluator: " + rule);
            var withCel = cel.compile(rule);
            var withDirect = direct.compile(rule);
            for (int p = 0; p < PEOPLE_PER_RULE; p++) {
                RuleVariables person = person(random);
                RuleVerdict expected = withCel.evaluate(person);
                RuleVerdict actual = withDirect.evaluate(person);
                String where = rule + "\n  for " + person;
                assertEquals(expected.eligible(), actual.eligible(), where);
                assertEquals(expected.error() == null, actual.error() == null,
                        where + "\n  CEL: " + expected.error() + "\n  direct: " + actual.error());
                compared++;
                errors += expected.error() == null ? 0 : 1;
                eligible += expected.eligible() ? 1 : 0;
            }
        }
        // the generator must exercise all three outcomes, not only one
        assertTrue(compared > RULES * PEOPLE_PER_RULE / 2, "compared " + compared);
        assertTrue(errors > compared / 20, "errors " + errors + " of " + compared);
        assertTrue(eligible > compared / 10 && eligible < compared * 9 / 10, "eligible " + eligible + " of " + compared);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "!('sk1' in history.skus)",
            "history.count > 2 || context.channel == 'web'",
            "history.purchases.exists(p, p.category == 'photo' && p.daysAgo < 180) || customer.loyaltyPoints > 500",
            "!('vip' in customer.segments)",
            "'photo' in history.categories && history.daysSinceCategory['photo'] <= 30",
            "has(customer.age) && customer.age >= 18",
            "context.hour >= 17 && context.channel in ['web', 'app']",
            "history.purchases.filter(p, p.quantity > 1).size() > 0",
            "history.purchases.map(p, p.quantity).exists(q, q > 2)",
            "history.purchases.exists_one(p, p.sku == 'sk1')",
            "history.purchases.all(p, has(p.amount) && p.amount > 1.0)",
            "context.cart.exists(c, c in history.skus)",
            "customer.loyaltyPoints + 1 > 2 ? true : false",
    })
    void takesEveryRuleShapeTheDocsShow(String rule) {
        assertNotNull(DirectRule.of(new RuleCompiler().check(rule)), rule);
    }

    @Test
    void leavesToCelWhatItDoesNotCover() {
        assertNull(DirectRule.of(new RuleCompiler().check("customer.region.matches('^n')")));
        assertNull(DirectRule.of(new RuleCompiler().check("int(customer.age) > 1")));
        assertNull(DirectRule.of(new RuleCompiler().check("{'a': 1}['a'] == 1")));
        // and CEL evaluates them: the verdict is there
        RuleVariables person = new RuleVariables(Map.of("region", "north"), Map.of(), Map.of());
        assertTrue(direct.compile("customer.region.matches('^n')").evaluate(person).eligible());
    }

    @Test
    void stopsPastTheStepBudgetLikeCel() {
        RuleCompiler small = new RuleCompiler(20_000, 40, 50, new SimpleMeterRegistry(), true);
        List<Object> purchases = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            purchases.add(Map.of("sku", "sk" + i, "daysAgo", (long) i, "quantity", 1L));
        }
        RuleVariables person = new RuleVariables(Map.of(), Map.of(), Map.of("purchases", purchases));
        RuleVerdict verdict = small.compile("history.purchases.exists(p, p.sku == 'none') || true").evaluate(person);
        assertFalse(verdict.eligible());
        assertTrue(verdict.error().contains("more than 40 evaluation steps"), verdict.error());
        assertTrue(small.compile("history.purchases.exists(p, p.sku == 'sk1')").evaluate(person).eligible(),
                "found within the budget");
    }

    @ParameterizedTest
    @ValueSource(strings = {"'ab'", "[1]"})
    void aRuleThatDoublesAStringOrListStopsAtTheBudgetNotAtTheHeap(String seed) {
        // 30 nested doublings: a few hundred steps by its shape, 2^30 characters or elements if left to run
        StringBuilder rule = new StringBuilder("[" + seed + "].exists(a0, ");
        for (int i = 1; i < 30; i++) {
            rule.append("[a").append(i - 1).append(" + a").append(i - 1).append("].exists(a").append(i).append(", ");
        }
        rule.append("size(a29) > 0").append(")".repeat(30));
        RuleVariables nobody = new RuleVariables(Map.of(), Map.of(), Map.of());
        for (RuleCompiler compiler : List.of(direct, cel)) {
            RuleVerdict verdict = compiler.compile(rule.toString()).evaluate(nobody);
            assertFalse(verdict.eligible());
            assertTrue(verdict.error().contains("more than 20000 evaluation steps"), verdict.error());
        }
    }

    @Test
    void aMissingFieldIsAnErrorNamingIt() {
        RuleVerdict verdict = direct.compile("customer.loyaltyPoints > 500").evaluate(
                new RuleVariables(Map.of("known", true), Map.of(), Map.of()));
        assertFalse(verdict.eligible());
        assertTrue(verdict.error().contains("'loyaltyPoints'"), verdict.error());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "customer.region > 'ｚ'", "customer.loyaltyPoints > 9007199254740992.0", "history.totalSpent > 5",
            "history.totalSpent < 5", "history.totalSpent > 5.0", "history.totalSpent <= 5.0", "history.totalSpent == 5.0",
            "history.totalSpent != 5.0", "history.totalSpent == history.totalSpent", "history.totalSpent in [history.totalSpent]",
            "5 < history.totalSpent", "0.0 == -0.0", "-0.0 < 0.0", "-0.0 < 0", "0 > -0.0", "-customer.loyaltyPoints < 0",
            "customer.loyaltyPoints + 1 > 0", "customer.loyaltyPoints - 1 > 0", "size(customer.region) == 2",
            "customer.region + 'a' > customer.region",
    })
    void agreesWithCelAtTheEdges(String rule) {
        // U+1F600 against U+FF5A, 2^53 + 1, NaN, -0.0, Long.MIN_VALUE
        RuleVariables person = new RuleVariables(Map.of("region", "\uD83D\uDE00", "loyaltyPoints", (1L << 53) + 1),
                Map.of(), Map.of("totalSpent", Double.NaN));
        RuleVariables extreme = new RuleVariables(Map.of("region", "", "loyaltyPoints", Long.MIN_VALUE), Map.of(),
                Map.of("totalSpent", -0.0));
        for (RuleVariables variables : List.of(person, extreme)) {
            RuleVerdict expected = cel.compile(rule).evaluate(variables);
            RuleVerdict actual = direct.compile(rule).evaluate(variables);
            assertEquals(expected.eligible(), actual.eligible(), rule + " for " + variables);
            assertEquals(expected.error() == null, actual.error() == null, rule + ": " + expected.error() + " / " + actual.error());
        }
    }

    // ---- generated rules -------------------------------------------------------------------------

    private static String bool(SplittableRandom r, int depth) {
        int choice = r.nextInt(depth <= 0 ? 9 : 16);
        return switch (choice) {
            case 0 -> intExpr(r) + " " + pick(r, "<", "<=", ">", ">=", "==", "!=") + " " + intExpr(r);
            case 1 -> intExpr(r) + " " + pick(r, "<", ">=", "==") + " " + pick(r, "0.5", "17.0", "-1.5", "1e300", "500.0");
            case 2 -> strExpr(r) + " " + pick(r, "==", "!=", "<", ">", ">=") + " " + lit(r);
            case 3 -> lit(r) + " in " + pick(r, "history.skus", "history.categories", "customer.segments", "context.cart",
                    "history.daysSinceSku", "history.daysSinceCategory");
            case 4 -> strExpr(r) + " in [" + lit(r) + ", " + lit(r) + "]";
            case 5 -> "has(customer." + pick(r, "age", "loyaltyPoints", "region", "firstName", "gender", "birthDate") + ")";
            case 6 -> strExpr(r) + "." + pick(r, "contains", "startsWith", "endsWith") + "(" + lit(r) + ")";
            case 7 -> "size(" + pick(r, "history.skus", "context.cart", "customer.segments", "history.purchases") + ") "
                    + pick(r, ">", "==", "<") + " " + r.nextInt(4);
            case 8 -> "history." + pick(r, "daysSinceSku", "daysSinceCategory") + "[" + lit(r) + "] " + pick(r, "<", ">=")
                    + " " + r.nextInt(60);
            case 9 -> "!(" + bool(r, depth - 1) + ")";
            case 10, 11 -> "(" + bool(r, depth - 1) + ") " + pick(r, "&&", "||") + " (" + bool(r, depth - 1) + ")";
            case 12 -> "history.purchases." + pick(r, "exists", "all", "exists_one") + "(p, " + purchase(r, depth - 1) + ")";
            case 13 -> pick(r, "history.skus", "context.cart", "customer.segments") + "." + pick(r, "exists", "all")
                    + "(s, s " + pick(r, "== ", "< ", "!= ") + lit(r) + ")";
            case 14 -> "history.purchases." + pick(r, "filter(p, " + purchase(r, 0) + ")", "map(p, p.quantity)")
                    + pick(r, ".size() > 1", ".size() == 0");
            default -> "(" + bool(r, depth - 1) + ") ? (" + bool(r, depth - 1) + ") : (" + bool(r, depth - 1) + ")";
        };
    }

    private static String purchase(SplittableRandom r, int depth) {
        String one = switch (r.nextInt(7)) {
            case 0 -> "p.category == " + lit(r);
            case 1 -> "p.daysAgo " + pick(r, "<", ">") + " " + r.nextInt(200);
            case 2 -> "p.quantity > " + r.nextInt(3);
            case 3 -> "has(p.amount) && p.amount > " + pick(r, "1.0", "5", "0.0");
            case 4 -> "p.amount " + pick(r, ">", "<=") + " " + pick(r, "2.5", "3");
            case 5 -> "p.sku in context.cart";
            default -> "p.sku.startsWith(" + lit(r) + ")";
        };
        return depth > 0 && r.nextBoolean() ? one + " " + pick(r, "&&", "||") + " " + purchase(r, depth - 1) : one;
    }

    private static String intExpr(SplittableRandom r) {
        String base = pick(r, "customer.age", "customer.loyaltyPoints", "context.hour", "history.count", "context.month",
                String.valueOf(r.nextInt(-5, 1000)), "size(context.cart)", "9223372036854775807");
        return switch (r.nextInt(5)) {
            case 0 -> base + " + " + r.nextInt(3);
            case 1 -> base + " - " + r.nextInt(3);
            case 2 -> "-" + base;
            default -> base;
        };
    }

    private static String strExpr(SplittableRandom r) {
        return pick(r, "customer.region", "customer.firstName", "customer.gender", "context.channel", "context.device",
                "context.placement", lit(r), lit(r) + " + " + lit(r));
    }

    private static String lit(SplittableRandom r) {
        return "'" + WORDS[r.nextInt(WORDS.length)].replace("\u0000", "\\x00") + "'";
    }

    private static String pick(SplittableRandom r, String... options) {
        return options[r.nextInt(options.length)];
    }

    // ---- generated people ------------------------------------------------------------------------

    private static RuleVariables person(SplittableRandom r) {
        Map<String, Object> customer = new HashMap<>();
        customer.put("known", r.nextBoolean());
        customer.put("segments", words(r, 3));
        maybe(r, customer, "age", (long) r.nextInt(15, 90));
        maybe(r, customer, "loyaltyPoints", r.nextInt(8) == 0 ? Long.MAX_VALUE : (long) r.nextInt(0, 2000));
        maybe(r, customer, "region", word(r));
        maybe(r, customer, "firstName", word(r));
        maybe(r, customer, "gender", word(r));
        Map<String, Object> context = new HashMap<>();
        context.put("channel", word(r));
        context.put("placement", word(r));
        context.put("hour", (long) r.nextInt(24));
        context.put("month", (long) r.nextInt(1, 13));
        context.put("cart", words(r, 3));
        maybe(r, context, "device", word(r));
        Map<String, Object> history = new HashMap<>();
        List<Object> purchases = new ArrayList<>();
        Map<String, Object> sinceSku = new HashMap<>();
        Map<String, Object> sinceCategory = new HashMap<>();
        int lines = r.nextInt(6);
        for (int i = 0; i < lines; i++) {
            Map<String, Object> line = new HashMap<>();
            String sku = word(r);
            line.put("sku", sku);
            line.put("daysAgo", (long) r.nextInt(300));
            line.put("quantity", (long) r.nextInt(1, 4));
            if (r.nextBoolean()) {
                String category = word(r);
                line.put("category", category);
                sinceCategory.putIfAbsent(category, line.get("daysAgo"));
            }
            if (r.nextBoolean()) {
                line.put("amount", r.nextInt(10) == 0 ? Double.NaN : r.nextInt(0, 800) / 100.0);
            }
            sinceSku.putIfAbsent(sku, line.get("daysAgo"));
            purchases.add(line);
        }
        history.put("purchases", purchases);
        history.put("skus", new ArrayList<>(sinceSku.keySet()));
        history.put("categories", new ArrayList<>(sinceCategory.keySet()));
        history.put("daysSinceSku", sinceSku);
        history.put("daysSinceCategory", sinceCategory);
        history.put("count", (long) lines);
        history.put("totalSpent", r.nextInt(100) / 3.0);
        return new RuleVariables(customer, context, history);
    }

    private static void maybe(SplittableRandom r, Map<String, Object> map, String key, Object value) {
        if (r.nextInt(3) > 0) {
            map.put(key, value);
        }
    }

    private static String word(SplittableRandom r) {
        return WORDS[r.nextInt(WORDS.length)];
    }

    private static List<Object> words(SplittableRandom r, int most) {
        List<Object> words = new ArrayList<>();
        for (int i = r.nextInt(most + 1); i > 0; i--) {
            words.add(word(r));
        }
        return words;
    }
}
