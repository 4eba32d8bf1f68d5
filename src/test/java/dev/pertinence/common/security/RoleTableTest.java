package dev.pertinence.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The role table operators read in docs/security.md says what AccessControlTest.RULES enforces, endpoint by endpoint. */
class RoleTableTest {

    private static final Pattern HEADER = Pattern.compile("\\| endpoint \\|(.*)\\|");
    private static final Pattern ROW = Pattern.compile("\\| `(GET|PUT|POST|DELETE|PATCH) (/\\S+)` \\|(.*)\\|");

    @Test
    void theDocumentedTableIsTheEnforcedOne() throws Exception {
        Map<String, Set<String>> documented = table(Files.readString(Path.of("docs/security.md")));
        assertEquals(new TreeMap<>(AccessControlTest.RULES), documented);
    }

    @Test
    void aMarketerDoesNotReadAPersonsChannels() throws Exception {
        assertEquals(Set.of(Roles.DECISION_CLIENT), AccessControlTest.RULES.get("GET /v1/customers/{id}/channel-appetence"));
    }

    @Test
    void aTableThatSaysMoreOrLessIsCaught() {
        String header = "| endpoint | `decision-client` | `marketer` |\n|---|:-:|:-:|\n";
        assertEquals(Map.of("GET /v1/a", Set.of("marketer")), table(header + "| `GET /v1/a` |  | yes |\n"));
        assertThrows(AssertionError.class, () -> table(header + "| `GET /v1/a` | yes |\n"), "a row with a missing cell");
        assertThrows(AssertionError.class, () -> table(header + "| `GET /v1/a` | yes | maybe |\n"), "a cell neither yes nor empty");
        assertThrows(AssertionError.class, () -> table(header + "| `GET /v1/a` | yes | |\n| `GET /v1/a` | | yes |\n"), "a row twice");
        assertThrows(AssertionError.class, () -> table("no table here\n"), "no table");
    }

    /** The endpoint table of a Markdown page: "METHOD path" -> the roles whose column says yes. */
    static Map<String, Set<String>> table(String markdown) {
        List<String> roles = null;
        Map<String, Set<String>> table = new TreeMap<>();
        for (String line : markdown.lines().toList()) {
            Matcher header = HEADER.matcher(line);
            if (header.matches()) {
                roles = new ArrayList<>(Arrays.stream(header.group(1).split("\\|")).map(cell -> cell.strip().replace("`", "")).toList());
                continue;
            }
            Matcher row = ROW.matcher(line);
            if (!row.matches()) {
                continue;
            }
            check(roles != null, "a row before the table's header: " + line);
            String[] cells = row.group(3).split("\\|", -1);
            check(cells.length == roles.size(), "a row without one cell per role: " + line);
            Set<String> admitted = new TreeSet<>();
            for (int i = 0; i < cells.length; i++) {
                String cell = cells[i].strip();
                check(cell.isEmpty() || cell.equals("yes"), "a cell neither yes nor empty: " + line);
                if (cell.equals("yes")) {
                    admitted.add(roles.get(i));
                }
            }
            check(table.put(row.group(1) + " " + row.group(2), admitted) == null, "an endpoint twice: " + line);
        }
        check(!table.isEmpty(), "no endpoint table");
        return table;
    }

    private static void check(boolean condition, String problem) {
        if (!condition) {
            throw new AssertionError(problem);
        }
    }
}
