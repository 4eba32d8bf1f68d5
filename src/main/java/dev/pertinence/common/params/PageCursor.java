package dev.pertinence.common.params;

import dev.pertinence.common.problem.ClientProblem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.function.BiFunction;

/**
 * The position of a keyset page (the instant and the id of its last row), opaque to callers:
 * base64url of {@code seconds.nanos:id}. Lists newest first page with it (exposures, a person's
 * decisions).
 */
public final class PageCursor {

    private PageCursor() {
    }

    public static String encode(Instant at, Object id) {
        String raw = at.getEpochSecond() + "." + at.getNano() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Null for no cursor; {@code as} builds the position from the instant and the id's text (and may
     * refuse the id by throwing); anything this service did not return is a 400 naming {@code cursor}.
     */
    public static <T> T decode(String cursor, BiFunction<Instant, String, T> as) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            int dot = raw.indexOf('.');
            return as.apply(Instant.ofEpochSecond(Long.parseLong(raw.substring(0, dot)), Long.parseLong(raw.substring(dot + 1, colon))),
                    raw.substring(colon + 1));
        } catch (RuntimeException e) {
            throw ClientProblem.invalid("cursor", "cursor: not a cursor this service returned");
        }
    }
}
