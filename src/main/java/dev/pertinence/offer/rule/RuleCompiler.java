package dev.pertinence.offer.rule;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.pertinence.decision.EligibilityRule;
import dev.pertinence.decision.RuleVariables;
import dev.pertinence.decision.RuleVerdict;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles eligibility rules written in Google's Common Expression Language over {@code customer},
 * {@code context} and {@code history} (maps, see docs/rules.md). A rule must be a boolean
 * expression. Compiled programs are immutable and thread-safe, so each distinct rule text is
 * compiled once and shared, also across catalogue reloads.
 */
@ApplicationScoped
public class RuleCompiler {

    private static final int MAX_CACHED = 50_000;
    private static final CelOptions OPTIONS = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .build();

    private final CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("customer", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("context", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("history", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .setResultType(SimpleType.BOOL)
            .build();
    private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();
    private final Map<String, EligibilityRule> compiled = new ConcurrentHashMap<>();

    /**
     * The first compilation loads CEL's classes (about 360 ms measured here): pay it at start-up,
     * not in the first offer write on the event loop.
     */
    void warmUp(@Observes StartupEvent event) {
        doCompile("customer.known && 'x' in history.skus && context.hour >= 0 && history.purchases.exists(p, p.daysAgo < 1)")
                .evaluate(new RuleVariables(Map.of("known", false), Map.of("hour", 1L),
                        Map.of("skus", List.of(), "purchases", List.of())));
    }

    /** @throws RuleSyntaxException with the line and column of the first error */
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

    private EligibilityRule doCompile(String text) {
        CelValidationResult result = compiler.compile(text);
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            CelRuntime.Program program = runtime.createProgram(ast);
            return variables -> evaluate(program, variables.asMap());
        } catch (CelValidationException e) {
            CelIssue first = e.getErrors().get(0);
            int line = first.getSourceLocation().getLine();
            int column = first.getSourceLocation().getColumn() + 1;
            throw new RuleSyntaxException(line, column, first.getMessage(), CelIssue.toDisplayString(e.getErrors(), e.getSource()));
        } catch (dev.cel.common.CelException e) {
            throw new RuleSyntaxException(1, 1, e.getMessage(), e.getMessage());
        }
    }

    private static RuleVerdict evaluate(CelRuntime.Program program, Map<String, ?> variables) {
        try {
            Object result = program.eval(variables);
            return Boolean.TRUE.equals(result) ? RuleVerdict.ELIGIBLE : RuleVerdict.NOT_ELIGIBLE;
        } catch (CelEvaluationException e) {
            return RuleVerdict.error(e.getMessage());
        } catch (RuntimeException e) {
            return RuleVerdict.error(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
