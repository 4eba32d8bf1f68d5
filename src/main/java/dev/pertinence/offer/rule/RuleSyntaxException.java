package dev.pertinence.offer.rule;

import dev.pertinence.common.problem.ClientProblem;

/** A rule that does not compile: 400, with where the error is. */
public class RuleSyntaxException extends ClientProblem {

    private final int line;
    private final int column;

    public RuleSyntaxException(int line, int column, String message, String display) {
        super(400, "Invalid rule", "rule does not compile at line " + line + ", column " + column + ": " + message
                + "\n" + display, "rule");
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The same error, reported against an offer inside a bulk request. */
    public ClientProblem at(String field) {
        return new ClientProblem(status(), title(), getMessage(), field);
    }
}
