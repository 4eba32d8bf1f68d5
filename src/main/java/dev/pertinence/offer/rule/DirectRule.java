package dev.pertinence.offer.rule;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.pertinence.decision.RuleVariables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A checked rule turned into a tree of Java nodes that evaluate it directly, for the part of CEL
 * that rules are written in: constants, the three variables and their fields, {@code has},
 * {@code && || !}, comparisons, {@code in}, indexing, {@code size}, {@code contains},
 * {@code startsWith}, {@code endsWith}, {@code + -} and the comprehension macros ({@code exists},
 * {@code all}, {@code exists_one}, {@code map}, {@code filter}). CEL's interpreter resolves each
 * call's overload by name at every evaluation and raises an exception, with its stack trace, for a
 * field the person does not have: on long histories that was a third of a decision's CPU
 * (docs/benchmarks.md). Here an error is a value ({@link Err}) that {@code &&} and {@code ||}
 * absorb exactly as CEL does ({@code false && error} is false, {@code error || true} is true,
 * either order), so a verdict is CEL's verdict; {@code DirectRuleTest} compares the two on
 * thousands of generated rules and inputs.
 *
 * <p>{@link #of} answers null for anything else (a function or literal kind not listed): such a rule
 * is evaluated by CEL itself. Steps are counted as {@link RuleCompiler} counts them, one per
 * expression evaluated plus the size of each string or list {@code +} builds, and the evaluation
 * stops past the budget.
 */
final class DirectRule {

    /** An evaluation error: a value, never thrown, so it costs no stack trace. */
    record Err(String message) {
    }

    /** Thrown to stop an evaluation past its step budget; no stack trace. */
    static final class OverBudget extends RuntimeException {

        static final OverBudget INSTANCE = new OverBudget();

        private OverBudget() {
            super("over the rule's step budget", null, false, false);
        }
    }

    /** One evaluation: the variables in scope (the three, then comprehension variables) and the steps taken. */
    static final class Frame {
        final Object[] slots;
        final long maxSteps;
        long steps;

        Frame(int size, long maxSteps) {
            this.slots = new Object[size];
            this.maxSteps = maxSteps;
        }

        void step() {
            if (++steps > maxSteps) {
                throw OverBudget.INSTANCE;
            }
        }

        void steps(long more) {
            steps += more;
            if (steps > maxSteps) {
                throw OverBudget.INSTANCE;
            }
        }
    }

    interface Node {
        Object eval(Frame frame);
    }

    /** Thrown while building: the rule uses something this evaluator does not cover. */
    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    private static final List<String> VARIABLES = List.of("customer", "context", "history");

    private final Map<String, Integer> scope = new HashMap<>();
    private int slots = VARIABLES.size();

    private DirectRule() {
        for (int i = 0; i < VARIABLES.size(); i++) {
            scope.put(VARIABLES.get(i), i);
        }
    }

    /** The rule as Java nodes, or null when it uses something not covered here. */
    static Compiled of(CelAbstractSyntaxTree ast) {
        DirectRule builder = new DirectRule();
        try {
            Node root = builder.build(ast.getExpr());
            return new Compiled(root, builder.slots);
        } catch (Unsupported e) {
            return null;
        }
    }

    /** A rule ready to evaluate; thread-safe (each evaluation has its own frame). */
    record Compiled(Node root, int slots) {

        /** TRUE, FALSE, or an {@link Err}; throws {@link OverBudget} past maxSteps. */
        Object evaluate(RuleVariables variables, long maxSteps) {
            Frame frame = new Frame(slots, maxSteps);
            frame.slots[0] = variables.customer();
            frame.slots[1] = variables.context();
            frame.slots[2] = variables.history();
            return root.eval(frame);
        }
    }

    private Node build(CelExpr expr) {
        return switch (expr.exprKind().getKind()) {
            case CONSTANT -> constant(expr.constant());
            case IDENT -> ident(expr.ident().name());
            case SELECT -> select(expr.select());
            case CALL -> call(expr.call());
            case LIST -> list(expr.list());
            case COMPREHENSION -> comprehension(expr.comprehension());
            default -> throw new Unsupported();
        };
    }

    private static Node constant(CelConstant constant) {
        Object value = switch (constant.getKind()) {
            case BOOLEAN_VALUE -> constant.booleanValue();
            case INT64_VALUE -> constant.int64Value();
            case DOUBLE_VALUE -> constant.doubleValue();
            case STRING_VALUE -> constant.stringValue();
            default -> throw new Unsupported();
        };
        return frame -> {
            frame.step();
            return value;
        };
    }

    private Node ident(String name) {
        Integer slot = scope.get(name);
        if (slot == null) {
            throw new Unsupported();
        }
        int at = slot;
        return frame -> {
            frame.step();
            return frame.slots[at];
        };
    }

    private Node select(CelExpr.CelSelect select) {
        Node operand = build(select.operand());
        String field = select.field();
        if (select.testOnly()) {
            return frame -> {
                Object value = operand.eval(frame);
                frame.step();
                if (value instanceof Err) {
                    return value;
                }
                return value instanceof Map<?, ?> map ? (Object) map.containsKey(field) : noOverload("has");
            };
        }
        return frame -> {
            Object value = operand.eval(frame);
            frame.step();
            if (value instanceof Err) {
                return value;
            }
            if (value instanceof Map<?, ?> map) {
                Object found = map.get(field);
                return found != null || map.containsKey(field) ? found : missingKey(field);
            }
            return noOverload("." + field);
        };
    }

    private Node list(CelExpr.CelList list) {
        if (!list.optionalIndices().isEmpty()) {
            throw new Unsupported();
        }
        Node[] elements = build(list.elements());
        return frame -> {
            List<Object> values = new ArrayList<>(elements.length);
            for (Node element : elements) {
                Object value = element.eval(frame);
                if (value instanceof Err) {
                    frame.step();
                    return value;
                }
                values.add(value);
            }
            frame.step();
            return values;
        };
    }

    private Node[] build(List<CelExpr> exprs) {
        Node[] nodes = new Node[exprs.size()];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = build(exprs.get(i));
        }
        return nodes;
    }

    private Node comprehension(CelExpr.CelComprehension c) {
        if (!c.iterVar2().isEmpty()) {
            throw new Unsupported();
        }
        Node range = build(c.iterRange());
        Node init = build(c.accuInit());
        Integer outerAccu = scope.get(c.accuVar());
        Integer outerIter = scope.get(c.iterVar());
        int accu = slots++;
        int iter = slots++;
        scope.put(c.accuVar(), accu);
        scope.put(c.iterVar(), iter);
        Node condition = build(c.loopCondition());
        Node step = build(c.loopStep());
        scope.remove(c.iterVar());
        if (outerIter != null) {
            scope.put(c.iterVar(), outerIter);
        }
        Node result = build(c.result());
        scope.remove(c.accuVar());
        if (outerAccu != null) {
            scope.put(c.accuVar(), outerAccu);
        }
        return frame -> {
            Object over = range.eval(frame);
            if (over instanceof Err) {
                frame.step();
                return over;
            }
            Iterable<?> elements;
            if (over instanceof List<?> items) {
                elements = items;
            } else if (over instanceof Map<?, ?> map) {
                elements = map.keySet();
            } else {
                frame.step();
                return noOverload("comprehension");
            }
            frame.slots[accu] = init.eval(frame);
            for (Object element : elements) {
                frame.slots[iter] = element;
                if (Boolean.FALSE.equals(condition.eval(frame))) {
                    break;
                }
                frame.slots[accu] = step.eval(frame);
            }
            frame.slots[iter] = null;
            Object answer = result.eval(frame);
            frame.step();
            return answer;
        };
    }

    private Node call(CelExpr.CelCall call) {
        List<CelExpr> all = new ArrayList<>();
        call.target().ifPresent(all::add);
        all.addAll(call.args());
        Node[] args = build(all);
        String function = call.function();
        return switch (function) {
            case "_&&_" -> logical(args[0], args[1], false);
            case "_||_" -> logical(args[0], args[1], true);
            case "@not_strictly_false" -> frame -> {
                Object value = args[0].eval(frame);
                frame.step();
                return !Boolean.FALSE.equals(value);
            };
            case "_?_:_" -> conditional(args[0], args[1], args[2]);
            case "!_" -> unary(args[0], value -> value instanceof Boolean b ? (Object) !b : noOverload(function));
            case "-_" -> unary(args[0], DirectRule::negate);
            case "size" -> {
                if (args.length != 1) {
                    throw new Unsupported();
                }
                yield unary(args[0], DirectRule::size);
            }
            case "_==_" -> binary(args, (a, b) -> Values.equal(a, b));
            case "_!=_" -> binary(args, (a, b) -> !Values.equal(a, b));
            case "_<_" -> compare(args, function, order -> order < 0);
            case "_<=_" -> compare(args, function, order -> order <= 0);
            case "_>_" -> compare(args, function, order -> order > 0);
            case "_>=_" -> compare(args, function, order -> order >= 0);
            case "@in" -> binary(args, DirectRule::in);
            case "_[_]" -> binary(args, DirectRule::index);
            case "_+_" -> sized(binary(args, (a, b) -> Values.add(a, b, false)));
            case "_-_" -> binary(args, (a, b) -> Values.add(a, b, true));
            case "contains" -> strings(args, function, String::contains);
            case "startsWith" -> strings(args, function, String::startsWith);
            case "endsWith" -> strings(args, function, String::endsWith);
            default -> throw new Unsupported();
        };
    }

    /** A joined string or list also costs steps for its size ({@link Values#sizeSteps}): no rule doubles its way to gigabytes. */
    private static Node sized(Node join) {
        return frame -> {
            Object value = join.eval(frame);
            frame.steps(Values.sizeSteps(value));
            return value;
        };
    }

    /** CEL's commutative logic: a definite answer on either side wins over an error on the other. */
    private static Node logical(Node left, Node right, boolean or) {
        Boolean decisive = or;
        return frame -> {
            Object a = left.eval(frame);
            if (decisive.equals(a)) {
                frame.step();
                return decisive;
            }
            Object b = right.eval(frame);
            frame.step();
            if (decisive.equals(b)) {
                return decisive;
            }
            if (a instanceof Err) {
                return a;
            }
            if (b instanceof Err) {
                return b;
            }
            if (a instanceof Boolean && b instanceof Boolean) {
                return !decisive;
            }
            return noOverload(or ? "_||_" : "_&&_");
        };
    }

    private static Node conditional(Node test, Node then, Node otherwise) {
        return frame -> {
            Object value = test.eval(frame);
            Object answer;
            if (Boolean.TRUE.equals(value)) {
                answer = then.eval(frame);
            } else if (Boolean.FALSE.equals(value)) {
                answer = otherwise.eval(frame);
            } else {
                answer = value instanceof Err ? value : noOverload("_?_:_");
            }
            frame.step();
            return answer;
        };
    }

    private interface Unary {
        Object apply(Object value);
    }

    private interface Binary {
        Object apply(Object a, Object b);
    }

    private interface Order {
        boolean holds(int order);
    }

    private interface StringTest {
        boolean test(String a, String b);
    }

    private static Node unary(Node operand, Unary op) {
        return frame -> {
            Object value = operand.eval(frame);
            frame.step();
            return value instanceof Err ? value : op.apply(value);
        };
    }

    private static Node binary(Node[] args, Binary op) {
        if (args.length != 2) {
            throw new Unsupported();
        }
        Node left = args[0];
        Node right = args[1];
        return frame -> {
            Object a = left.eval(frame);
            if (a instanceof Err) {
                frame.step();
                return a; // as CEL: a strict call stops at its first failed argument
            }
            Object b = right.eval(frame);
            frame.step();
            return b instanceof Err ? b : op.apply(a, b);
        };
    }

    private static Node compare(Node[] args, String function, Order order) {
        return binary(args, (a, b) -> {
            Integer compared = Values.compare(a, b);
            if (compared == null) {
                return noOverload(function);
            }
            // NaN is neither smaller, equal nor larger than anything
            return compared == Values.UNORDERED ? Boolean.FALSE : (Object) order.holds(compared);
        });
    }

    private static Node strings(Node[] args, String function, StringTest test) {
        return binary(args, (a, b) -> a instanceof String s && b instanceof String t ? (Object) test.test(s, t)
                : noOverload(function));
    }

    private static Object negate(Object value) {
        if (value instanceof Double d) {
            return -d;
        }
        if (Values.isInt(value)) {
            long n = ((Number) value).longValue();
            return n == Long.MIN_VALUE ? new Err("return error for overflow") : (Object) (-n);
        }
        return noOverload("-_");
    }

    private static Object size(Object value) {
        if (value instanceof String s) {
            return (long) s.codePointCount(0, s.length());
        }
        if (value instanceof List<?> list) {
            return (long) list.size();
        }
        if (value instanceof Map<?, ?> map) {
            return (long) map.size();
        }
        return noOverload("size");
    }

    private static Object in(Object element, Object container) {
        if (element instanceof String && container instanceof List<?> list) {
            return list.contains(element); // a string equals only an equal string: the list may answer from a set
        }
        if (container instanceof List<?> list) {
            for (Object item : list) {
                if (Values.equal(element, item)) {
                    return true;
                }
            }
            return false;
        }
        if (container instanceof Map<?, ?> map) {
            return map.containsKey(element);
        }
        return noOverload("@in");
    }

    private static Object index(Object container, Object key) {
        if (container instanceof List<?> list) {
            if (!Values.isInt(key)) {
                return noOverload("_[_]");
            }
            long at = ((Number) key).longValue();
            return at >= 0 && at < list.size() ? list.get((int) at)
                    : new Err("Index out of bounds: " + at);
        }
        if (container instanceof Map<?, ?> map) {
            Object found = map.get(key);
            return found != null || map.containsKey(key) ? found : missingKey(key);
        }
        return noOverload("_[_]");
    }

    private static Err missingKey(Object key) {
        return new Err("key '" + key + "' is not present in map.");
    }

    static Err noOverload(String function) {
        return new Err("No matching overload for function '" + function + "'.");
    }
}
