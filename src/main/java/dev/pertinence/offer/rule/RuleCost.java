package dev.pertinence.offer.rule;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.StructType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The worst-case cost of a checked rule, in evaluation steps (one step: one expression node
 * evaluated, the unit {@link RuleCompiler} counts at run time). A comprehension ({@code exists},
 * {@code all}, {@code map}, {@code filter}, {@code exists_one}) costs its body once per element of
 * the longest list it may be given: the variables' lists are bounded by the service ({@link Bounds}),
 * literal lists by their length. Nested comprehensions multiply, which is what a rule like
 * {@code L.exists(a, L.exists(b, L.exists(c, ...)))} cannot hide. Membership in a list and string
 * searches also cost by the length they scan.
 */
final class RuleCost {

    /** The longest lists a rule can be given: history lines per decision, cart items, segments. */
    record Bounds(long historyLines, long cartItems, long segments) {
    }

    /** Cost in steps; size: longest list or map the value can be; elementSize: longest list or map in it. */
    private record Estimate(double cost, double size, double elementSize) {

        static Estimate scalar(double cost) {
            return new Estimate(cost, 0, 0);
        }
    }

    private final CelAbstractSyntaxTree ast;
    private final Bounds bounds;
    /**
     * The length assumed for a list nested deeper than an estimate follows (an element of an
     * element, an element a {@code map} built): the longest list the rule can name.
     */
    private final double deeper;

    private RuleCost(CelAbstractSyntaxTree ast, Bounds bounds) {
        this.ast = ast;
        this.bounds = bounds;
        this.deeper = Math.max(Math.max(bounds.historyLines(), bounds.cartItems()),
                Math.max(bounds.segments(), longestLiteral(ast.getExpr())));
    }

    private static double longestLiteral(CelExpr expr) {
        double longest = 0;
        java.util.ArrayDeque<CelExpr> pending = new java.util.ArrayDeque<>(List.of(expr));
        while (!pending.isEmpty()) {
            CelExpr next = pending.pop();
            switch (next.exprKind().getKind()) {
                case LIST -> {
                    longest = Math.max(longest, next.list().elements().size());
                    pending.addAll(next.list().elements());
                }
                case MAP -> next.map().entries().forEach(entry -> {
                    pending.add(entry.key());
                    pending.add(entry.value());
                });
                case CALL -> {
                    next.call().target().ifPresent(pending::add);
                    pending.addAll(next.call().args());
                }
                case SELECT -> pending.add(next.select().operand());
                case COMPREHENSION -> pending.addAll(List.of(next.comprehension().iterRange(), next.comprehension().accuInit(),
                        next.comprehension().loopCondition(), next.comprehension().loopStep(), next.comprehension().result()));
                case STRUCT -> next.struct().entries().forEach(entry -> pending.add(entry.value()));
                default -> {
                }
            }
        }
        return longest;
    }

    /** Steps in the worst case; {@link Double#POSITIVE_INFINITY} never happens, huge values do. */
    static double of(CelAbstractSyntaxTree ast, Bounds bounds) {
        return new RuleCost(ast, bounds).walk(ast.getExpr(), Map.of()).cost();
    }

    private Estimate walk(CelExpr expr, Map<String, Estimate> scope) {
        return switch (expr.exprKind().getKind()) {
            case CONSTANT -> Estimate.scalar(1);
            case IDENT -> {
                Estimate bound = scope.get(expr.ident().name());
                yield bound == null ? Estimate.scalar(1) : new Estimate(1, bound.size(), bound.elementSize());
            }
            case SELECT -> select(expr, scope);
            case CALL -> call(expr, scope);
            case LIST -> elements(expr.list().elements(), scope);
            case MAP -> {
                double cost = 1;
                double elementSize = 0;
                for (CelExpr.CelMap.Entry entry : expr.map().entries()) {
                    cost += walk(entry.key(), scope).cost();
                    Estimate value = walk(entry.value(), scope);
                    cost += value.cost();
                    elementSize = Math.max(elementSize, value.size());
                }
                yield new Estimate(cost, expr.map().entries().size(), elementSize);
            }
            case STRUCT -> {
                double cost = 1;
                for (CelExpr.CelStruct.Entry entry : expr.struct().entries()) {
                    cost += walk(entry.value(), scope).cost();
                }
                yield Estimate.scalar(cost);
            }
            case COMPREHENSION -> comprehension(expr.comprehension(), scope);
            default -> Estimate.scalar(1);
        };
    }

    private Estimate select(CelExpr expr, Map<String, Estimate> scope) {
        Estimate operand = walk(expr.select().operand(), scope);
        double size = 0;
        CelType type = ast.getType(expr.select().operand().id()).orElse(null);
        if (type instanceof StructType struct) {
            size = fieldSize(struct, expr.select().field());
        } else if (type != null && type.kind() == CelKind.MAP) {
            size = operand.elementSize();
        }
        return new Estimate(operand.cost() + 1, size, 0);
    }

    private double fieldSize(StructType struct, String field) {
        CelType type = struct.findField(field).map(StructType.Field::type).orElse(null);
        if (type == null) {
            return 0;
        }
        if (type.kind() != CelKind.LIST && type.kind() != CelKind.MAP) {
            return 0;
        }
        if (struct == RuleTypes.CUSTOMER) {
            return bounds.segments();
        }
        if (struct == RuleTypes.CONTEXT) {
            return bounds.cartItems();
        }
        return bounds.historyLines();
    }

    private Estimate call(CelExpr expr, Map<String, Estimate> scope) {
        CelExpr.CelCall call = expr.call();
        double cost = 1;
        double size = 0;
        double elementSize = 0;
        Estimate[] args = new Estimate[call.args().size() + (call.target().isPresent() ? 1 : 0)];
        int i = 0;
        if (call.target().isPresent()) {
            args[i++] = walk(call.target().get(), scope);
        }
        for (CelExpr arg : call.args()) {
            args[i++] = walk(arg, scope);
        }
        double scanned = 0;
        for (Estimate arg : args) {
            cost += arg.cost();
            size = Math.max(size, arg.size());
            elementSize = Math.max(elementSize, arg.elementSize());
            scanned += arg.size();
        }
        switch (call.function()) {
            case "@in" -> {
                CelType container = ast.getType(call.args().get(1).id()).orElse(null);
                cost += container != null && container.kind() == CelKind.MAP ? 1 : args[1].size();
                size = 0;
            }
            case "_+_" -> size = scanned;
            case "_[_]" -> {
                size = args[0].elementSize();
                elementSize = 0;
            }
            case "_==_", "_!=_" -> {
                // two lists are compared element by element
                cost += scanned;
                size = 0;
            }
            case "size", "_<_", "_<=_", "_>_", "_>=_", "_&&_", "_||_", "!_", "@not_strictly_false" -> size = 0;
            case "contains", "startsWith", "endsWith" -> {
                // a scan of strings of at most a few hundred characters: measured as about two steps
                cost += 2;
                size = 0;
            }
            case "matches" -> {
                // RE2 compiles the expression at each call, then scans linearly: measured as about 20 steps
                cost += 20;
                size = 0;
                refuseBrokenPattern(call.args().get(call.args().size() - 1));
            }
            default -> {
                // other functions: their cost is their arguments'; their result is no longer than their longest argument
            }
        }
        return new Estimate(cost, size, elementSize);
    }

    /** A pattern written in the rule that RE2 cannot compile would make the rule an error at every decision: refused now. */
    private void refuseBrokenPattern(CelExpr pattern) {
        if (pattern.exprKind().getKind() != CelExpr.ExprKind.Kind.CONSTANT
                || pattern.constant().getKind() != dev.cel.common.ast.CelConstant.Kind.STRING_VALUE) {
            return;
        }
        try {
            com.google.re2j.Pattern.compile(pattern.constant().stringValue());
        } catch (com.google.re2j.PatternSyntaxException e) {
            var at = java.util.Optional.ofNullable(ast.getSource().getPositionsMap().get(pattern.id()))
                    .flatMap(offset -> ast.getSource().getOffsetLocation(offset));
            String why = "the pattern " + pattern.constant().stringValue() + " is not a regular expression: " + e.getDescription();
            throw new RuleSyntaxException(at.map(l -> l.getLine()).orElse(1), at.map(l -> l.getColumn() + 1).orElse(1), why, why);
        }
    }

    private Estimate elements(List<CelExpr> elements, Map<String, Estimate> scope) {
        double cost = 1;
        double elementSize = 0;
        for (CelExpr element : elements) {
            Estimate estimate = walk(element, scope);
            cost += estimate.cost();
            elementSize = Math.max(elementSize, estimate.size());
        }
        return new Estimate(cost, elements.size(), elementSize);
    }

    private Estimate comprehension(CelExpr.CelComprehension loop, Map<String, Estimate> scope) {
        Estimate range = walk(loop.iterRange(), scope);
        Estimate init = walk(loop.accuInit(), scope);
        double n = range.size();
        Map<String, Estimate> inner = new HashMap<>(scope);
        // an element's own elements (a list in a list) are not followed: assume the longest list the rule can name
        inner.put(loop.iterVar(), new Estimate(1, range.elementSize(), deeper));
        if (!loop.iterVar2().isEmpty()) {
            inner.put(loop.iterVar2(), new Estimate(1, range.elementSize(), deeper));
        }
        // an accumulator (map, filter) grows by at most one element per iteration, each what the body made of one
        inner.put(loop.accuVar(), new Estimate(1, init.size() + n, Math.max(init.elementSize(), deeper)));
        Estimate condition = walk(loop.loopCondition(), inner);
        Estimate step = walk(loop.loopStep(), inner);
        Estimate result = walk(loop.result(), inner);
        double cost = 1 + range.cost() + init.cost() + n * (condition.cost() + step.cost()) + result.cost();
        return new Estimate(cost, result.size(), result.elementSize());
    }
}
