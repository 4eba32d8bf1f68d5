package dev.pertinence.offer.rule;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelEvaluationListener;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.decision.EligibilityRule;
import dev.pertinence.decision.RuleVariables;
import dev.pertinence.decision.RuleVerdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles eligibility rules written in Google's Common Expression Language over {@code customer},
 * {@code context} and {@code history} (see docs/rules.md). A rule is refused when saved unless it is
 * a boolean expression over the declared fields with the right types ({@link RuleTypes}) whose
 * worst-case cost stays within {@code pertinence.rules.max-cost} ({@link RuleCost}). Each
 * evaluation is also counted, step by step, and stopped past {@code pertinence.rules.max-steps}:
 * the offer is then not eligible for that decision ({@code RULE_ERROR}) and the metric
 * {@code pertinence_rule_errors_total{cause="over_budget"}} counts it. Compiled programs are
 * immutable and thread-safe, so each distinct rule text is compiled once and shared. A rule
 * written in the part of CEL that {@link DirectRule} covers (every example in docs/rules.md) is
 * evaluated by it, to the same verdict for a fraction of the cost; any other by CEL's interpreter.
 */
@ApplicationScoped
public class RuleCompiler {

    /** As many SKUs as a decision's or page's cart may hold (DecisionContext, PageLayoutRequest). */
    static final int MAX_CART = 100;
    /** As many segments as a profile may hold (CustomerRequest). */
    static final int MAX_SEGMENTS = 50;
    private static final int MAX_CACHED = 50_000;

    private final CelCompiler compiler;
    private final CelRuntime runtime;
    private final RuleCost.Bounds bounds;
    private final long maxCost;
    private final long maxSteps;
    private final Counter overBudget;
    private final Counter failed;
    private final Counter refused;
    private final Map<String, EligibilityRule> compiled = new ConcurrentHashMap<>();
    private final boolean direct;

    @Inject
    public RuleCompiler(PertinenceConfig config, MeterRegistry registry) {
        this(config.rules().maxCost(), config.rules().maxSteps(), config.decision().historyLines(), registry,
                config.rules().evaluator() == PertinenceConfig.Rules.Evaluator.DIRECT);
    }

    /** With the default bounds, outside the container. */
    public RuleCompiler() {
        this(20_000, 20_000, 50, new SimpleMeterRegistry());
    }

    RuleCompiler(long maxCost, long maxSteps, int historyLines, MeterRegistry registry) {
        this(maxCost, maxSteps, historyLines, registry, true);
    }

    /** direct: rules CEL's own interpreter is not needed for are evaluated by {@link DirectRule}. */
    RuleCompiler(long maxCost, long maxSteps, int historyLines, MeterRegistry registry, boolean direct) {
        this.direct = direct;
        CelOptions options = CelOptions.current()
                .enableHeterogeneousNumericComparisons(true)
                .comprehensionMaxIterations((int) Math.min(Integer.MAX_VALUE, maxSteps))
                .build();
        var builder = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .setTypeProvider(RuleTypes.PROVIDER)
                .setResultType(SimpleType.BOOL);
        RuleTypes.VARIABLES.forEach(builder::addVar);
        this.compiler = builder.build();
        this.runtime = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(options).build();
        this.bounds = new RuleCost.Bounds(historyLines, MAX_CART, MAX_SEGMENTS);
        this.maxCost = maxCost;
        this.maxSteps = maxSteps;
        this.overBudget = errors(registry, "over_budget");
        this.failed = errors(registry, "evaluation");
        this.refused = errors(registry, "refused");
    }

    private static Counter errors(MeterRegistry registry, String cause) {
        return Counter.builder("pertinence_rule_errors")
                .description("Rule evaluations that made their offer ineligible by failing: over_budget (past "
                        + "pertinence.rules.max-steps), evaluation (e.g. a field the person does not have) or refused (a "
                        + "stored rule that no longer passes the checks made when a rule is saved)")
                .tag("cause", cause)
                .register(registry);
    }

    /**
     * The first compilation loads CEL's classes (about 360 ms measured here): pay it at start-up,
     * not in the first offer write on the event loop.
     */
    void warmUp(@Observes StartupEvent event) {
        doCompile("customer.known && 'x' in history.skus && context.hour >= 0 && history.purchases.exists(p, p.daysAgo < 1)")
                .evaluate(new RuleVariables(Map.of("known", false), Map.of("hour", 1L),
                        Map.of("skus", List.of(), "purchases", List.of())));
    }

    /** @throws RuleSyntaxException with the line and column of the first error, or the cost over the limit */
    public EligibilityRule compile(String text) {
        if (text == null || text.isBlank()) {
            return EligibilityRule.ALWAYS;
        }
        EligibilityRule cached = compiled.get(text);
        if (cached != null) {
            return cached;
        }
        EligibilityRule rule = doCompile(text);
        if (compiled.size() < MAX_CACHED) {
            compiled.put(text, rule);
        }
        return rule;
    }

    /**
     * A rule not saved yet (a simulation's draft, a rule checked as it is typed): the same checks as
     * {@link #compile}, reusing a program a saved rule already compiled, but never adding to the
     * cache, which holds saved rules only: drafts must not fill it.
     *
     * @throws RuleSyntaxException as {@link #compile} does
     */
    public EligibilityRule compileUncached(String text) {
        if (text == null || text.isBlank()) {
            return EligibilityRule.ALWAYS;
        }
        EligibilityRule cached = compiled.get(text);
        return cached != null ? cached : doCompile(text);
    }

    /** Whether this rule text is cached (tests: a draft's must not be). */
    boolean cached(String text) {
        return compiled.containsKey(text);
    }

    /**
     * A rule as stored: one saved before a bound was tightened may now be refused; its offer then
     * stays in the catalogue but is never eligible, and explain says why ({@code RULE_ERROR}).
     */
    public EligibilityRule compileStored(String text) {
        try {
            return compile(text);
        } catch (RuleSyntaxException e) {
            RuleVerdict verdict = RuleVerdict.error("its stored rule is refused: " + e.getMessage().split("\n")[0]);
            return variables -> {
                refused.increment();
                return verdict;
            };
        }
    }

    /** The worst-case cost of a rule that compiles, in steps (docs/rules.md). */
    public double cost(String text) {
        return RuleCost.of(check(text), bounds);
    }

    private EligibilityRule doCompile(String text) {
        CelAbstractSyntaxTree ast = check(text);
        double cost = RuleCost.of(ast, bounds);
        if (cost > maxCost) {
            throw RuleSyntaxException.tooCostly(cost, maxCost);
        }
        DirectRule.Compiled fast = direct ? DirectRule.of(ast) : null;
        if (fast != null) {
            return EligibilityRule.costing(cost, variables -> evaluate(fast, variables));
        }
        try {
            CelRuntime.Program program = runtime.createProgram(ast);
            return EligibilityRule.costing(cost, variables -> evaluate(program, variables.asMap()));
        } catch (dev.cel.common.CelException e) {
            throw new RuleSyntaxException(1, 1, e.getMessage(), e.getMessage());
        }
    }

    CelAbstractSyntaxTree check(String text) {
        try {
            return compiler.compile(text).getAst();
        } catch (CelValidationException e) {
            CelIssue first = e.getErrors().get(0);
            int line = first.getSourceLocation().getLine();
            int column = first.getSourceLocation().getColumn() + 1;
            throw new RuleSyntaxException(line, column, explain(first.getMessage()),
                    CelIssue.toDisplayString(e.getErrors(), e.getSource()));
        }
    }

    /** CEL names its own types; a rule writer knows the variables and their fields. */
    private static String explain(String message) {
        String plain = message;
        for (var variable : RuleTypes.VARIABLES.entrySet()) {
            plain = plain.replace(variable.getValue().name(), variable.getKey());
        }
        plain = plain.replace(RuleTypes.PURCHASE.name(), "purchase");
        if (plain.startsWith("undefined field")) {
            plain += " (fields: customer." + String.join(", customer.", RuleTypes.CUSTOMER.fieldNames())
                    + "; context." + String.join(", context.", RuleTypes.CONTEXT.fieldNames())
                    + "; history." + String.join(", history.", RuleTypes.HISTORY.fieldNames())
                    + "; a purchase's " + String.join(", ", RuleTypes.PURCHASE.fieldNames()) + ")";
        }
        return plain;
    }

    private RuleVerdict evaluate(CelRuntime.Program program, Map<String, ?> variables) {
        Steps steps = new Steps(maxSteps);
        RuleVerdict verdict;
        try {
            Object result = program.trace(variables, steps);
            verdict = Boolean.TRUE.equals(result) ? RuleVerdict.ELIGIBLE : RuleVerdict.NOT_ELIGIBLE;
        } catch (CelEvaluationException e) {
            verdict = RuleVerdict.error(e.getMessage());
        } catch (RuntimeException e) {
            verdict = RuleVerdict.error(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        // an error inside `a || b` may be absorbed by the other side: past the budget, the rule fails whatever it said
        if (steps.exceeded) {
            overBudget.increment();
            return RuleVerdict.error(overBudgetMessage(maxSteps));
        }
        if (verdict.error() != null) {
            failed.increment();
        }
        return verdict;
    }

    private RuleVerdict evaluate(DirectRule.Compiled rule, RuleVariables variables) {
        Object result;
        try {
            result = rule.evaluate(variables, maxSteps);
        } catch (DirectRule.OverBudget e) {
            overBudget.increment();
            return RuleVerdict.error(overBudgetMessage(maxSteps));
        }
        if (result instanceof DirectRule.Err err) {
            failed.increment();
            return RuleVerdict.error(err.message());
        }
        return Boolean.TRUE.equals(result) ? RuleVerdict.ELIGIBLE : RuleVerdict.NOT_ELIGIBLE;
    }

    static String overBudgetMessage(long maxSteps) {
        return "it took more than " + maxSteps + " evaluation steps (pertinence.rules.max-steps)";
    }

    /** Counts the expressions one evaluation goes through, and stops it past the budget. */
    private static final class Steps implements CelEvaluationListener {

        private final long max;
        private long taken;
        private boolean exceeded;

        Steps(long max) {
            this.max = max;
        }

        @Override
        public void callback(CelExpr expr, Object value) {
            if (expr.getKind() == CelExpr.ExprKind.Kind.CALL && "_+_".equals(expr.call().function())) {
                taken += Values.sizeSteps(value); // as DirectRule: what a join builds costs by its size
            }
            if (++taken > max) {
                exceeded = true;
                throw OverBudget.INSTANCE;
            }
        }
    }

    /** Thrown into the evaluator to stop it; no stack trace, it is never logged. */
    private static final class OverBudget extends RuntimeException {

        static final OverBudget INSTANCE = new OverBudget();

        private OverBudget() {
            super("over the rule's step budget", null, false, false);
        }
    }
}
