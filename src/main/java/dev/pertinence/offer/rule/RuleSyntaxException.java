package dev.pertinence.offer.rule;

import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.common.problem.Problem;

/** A rule refused when saved (it does not compile, does not type-check, or may cost too much): 400, with where and why. */
public class RuleSyntaxException extends ClientProblem {

    private final int line;
    private final int column;
    /** Whether line and column point at the error (a rule too costly as a whole points nowhere). */
    private final boolean positioned;

    public RuleSyntaxException(int line, int column, String message, String display) {
        this(line, column, "rule does not compile at line " + line + ", column " + column + ": " + message + "\n" + display, true);
    }

    private RuleSyntaxException(int line, int column, String detail, boolean positioned) {
        this(line, column, detail, positioned, "rule");
    }

    private RuleSyntaxException(int line, int column, String detail, boolean positioned, String field) {
        super(400, "Invalid rule", detail, field);
        this.line = line;
        this.column = column;
        this.positioned = positioned;
    }

    /** A rule that compiles but whose worst case costs more than the service allows. */
    static RuleSyntaxException tooCostly(double cost, long limit) {
        String steps = cost >= 1e15 ? "more than 10^15" : String.format("%,d", (long) cost);
        return new RuleSyntaxException(1, 1, "rule may take " + steps + " evaluation steps, over the limit of "
                + String.format("%,d", limit) + " (pertinence.rules.max-cost): each exists/all/map/filter repeats its body "
                + "once per element of its list (purchase history and its maps up to the history lines read per decision, "
                + "the cart up to 100, segments up to 50, a literal list its length) and nested ones multiply (docs/rules.md)", false);
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** With the error's line and column (problem members {@code line}, {@code column}) when the error has a position. */
    @Override
    public Problem toProblem() {
        return positioned
                ? new Problem("about:blank", title(), status(), getMessage(), field(), null, line, column)
                : super.toProblem();
    }

    /** The same error, with its line and column, reported against an offer inside a bulk request. */
    public ClientProblem at(String field) {
        return new RuleSyntaxException(line, column, getMessage(), positioned, field);
    }
}
