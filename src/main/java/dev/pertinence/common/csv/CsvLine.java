package dev.pertinence.common.csv;

import dev.pertinence.common.json.CleanText;
import java.util.ArrayList;
import java.util.List;

/** Splits and joins CSV lines (RFC 4180 quoting; a field cannot span lines). */
public final class CsvLine {

    private CsvLine() {
    }

    /**
     * @throws IllegalArgumentException when a quote is left open, text follows a closing quote, or
     *         a field holds what is not text (a NUL, which PostgreSQL cannot store, or a lone surrogate):
     *         refused here, before any SQL, as JSON text is (CleanText)
     */
    public static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = line.length();
        while (true) {
            if (i < n && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("unterminated quoted field");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (i < n && line.charAt(i) != ',') {
                    throw new IllegalArgumentException("text after a closing quote at column " + (i + 1));
                }
            } else {
                while (i < n && line.charAt(i) != ',') {
                    field.append(line.charAt(i++));
                }
            }
            String fault = CleanText.fault(field.toString());
            if (fault != null) {
                throw new IllegalArgumentException("field " + (fields.size() + 1) + " " + fault);
            }
            fields.add(field.toString());
            field.setLength(0);
            if (i >= n) {
                return fields;
            }
            i++; // the comma
        }
    }

    /**
     * One line from fields: a field holding a comma, a quote or a line break is quoted; line breaks become spaces; a
     * field a spreadsheet would run as a formula (it starts with =, +, -, @ or a tab: a consent's free-text source
     * "=HYPERLINK(...)") gets a leading apostrophe, as OWASP advises against CSV injection. Ids never start so.
     */
    public static String join(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (String raw : fields) {
            if (!line.isEmpty()) {
                line.append(',');
            }
            String field = raw == null ? "" : raw.replace('\r', ' ').replace('\n', ' ');
            if (!field.isEmpty() && "=+-@\t".indexOf(field.charAt(0)) >= 0) {
                field = "'" + field;
            }
            if (field.indexOf(',') >= 0 || field.indexOf('"') >= 0) {
                line.append('"').append(field.replace("\"", "\"\"")).append('"');
            } else {
                line.append(field);
            }
        }
        return line.toString();
    }
}
