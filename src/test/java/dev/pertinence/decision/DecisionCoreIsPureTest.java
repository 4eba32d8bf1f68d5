package dev.pertinence.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The decision core takes records and returns records: no framework, no I/O, so it stays testable and benchmarkable. */
class DecisionCoreIsPureTest {

    private static final List<String> FORBIDDEN = List.of("import io.quarkus", "import io.smallrye", "import io.vertx",
            "import jakarta.", "import io.micrometer", "import org.hibernate", "import com.fasterxml", "import dev.cel",
            "import java.net", "import java.nio", "import java.sql", "import dev.pertinence.decide.service",
            "import dev.pertinence.decide.store", "import dev.pertinence.decide.rest");

    @Test
    void theCorePackageImportsNoFrameworkAndNoIo() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/pertinence/decision"))) {
            List<String> offences = files.filter(file -> file.toString().endsWith(".java"))
                    .flatMap(DecisionCoreIsPureTest::offences)
                    .toList();
            assertEquals(List.of(), offences);
        }
    }

    private static Stream<String> offences(Path file) {
        try {
            return Files.readAllLines(file).stream()
                    .filter(line -> FORBIDDEN.stream().anyMatch(line::startsWith))
                    .map(line -> file.getFileName() + ": " + line);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
