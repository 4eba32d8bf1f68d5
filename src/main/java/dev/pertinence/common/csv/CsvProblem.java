package dev.pertinence.common.csv;

import dev.pertinence.common.problem.ClientProblem;

/** A refused CSV file: names the line and the column so the sender can fix it. */
public final class CsvProblem {

    private CsvProblem() {
    }

    public static ClientProblem at(long lineNumber, String column, String detail) {
        return new ClientProblem(400, "Invalid CSV", "line " + lineNumber + ", " + column + ": " + detail
                + "; nothing from this file was imported", "line " + lineNumber + "." + column);
    }

    public static ClientProblem header(String expected, String found) {
        return new ClientProblem(400, "Invalid CSV", "the first line must be the header '" + expected + "', found '"
                + dev.pertinence.common.problem.LogSafe.value(found) + "'; nothing was imported", "line 1");
    }
}
