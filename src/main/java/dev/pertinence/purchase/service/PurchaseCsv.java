package dev.pertinence.purchase.service;

import dev.pertinence.common.ApiPatterns;
import dev.pertinence.common.csv.CsvLine;
import dev.pertinence.common.csv.CsvProblem;
import dev.pertinence.common.problem.LogSafe;
import dev.pertinence.purchase.PurchaseLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.function.UnaryOperator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Map;

/** Reads purchase CSV lazily, one line at a time, so a file of any size streams through. */
public final class PurchaseCsv {

    public static final String HEADER = "order_id,customer_id,sku,quantity,price,timestamp";

    private PurchaseCsv() {
    }

    /** One purchased item per line, under {@link #HEADER}; {@code price} is the unit price. */
    public static Iterator<PurchaseLine> lines(BufferedReader reader, Instant latestAccepted, UnaryOperator<String> customerKey) {
        return new LineIterator(reader) {
            @Override
            boolean isHeader(String firstLine) {
                String header = firstLine == null ? "" : firstLine.replace("\uFEFF", "").trim().toLowerCase();
                if (!header.equals(HEADER)) {
                    throw CsvProblem.header(HEADER, firstLine);
                }
                return true;
            }

            @Override
            void parse(String line, long lineNumber, Deque<PurchaseLine> out) {
                List<String> fields = split(line, lineNumber);
                if (fields.size() != 6) {
                    throw CsvProblem.at(lineNumber, "line", "expected 6 fields, found " + fields.size());
                }
                String orderId = optionalId(fields.get(0), lineNumber, "order_id");
                String customerId = customer(fields.get(1), lineNumber, customerKey);
                String sku = optionalId(fields.get(2), lineNumber, "sku");
                if (sku == null) {
                    throw CsvProblem.at(lineNumber, "sku", "is required");
                }
                int quantity = quantity(fields.get(3).trim(), lineNumber);
                BigDecimal price = price(fields.get(4).trim(), lineNumber);
                Instant at = timestamp(fields.get(5).trim(), lineNumber, latestAccepted);
                out.add(new PurchaseLine(orderId, customerId, sku, quantity,
                        price == null ? null : price.multiply(BigDecimal.valueOf(quantity)), at, null, null, null));
            }
        };
    }

    /**
     * One basket per line, items comma-separated, no header (the form of ../shared/data/groceries.csv).
     * Each item name becomes a SKU by {@link ApiPatterns#slug} and names the product if the SKU is new; each
     * basket becomes an anonymous order {@code <prefix>-<line>}.
     */
    public static Iterator<PurchaseLine> baskets(BufferedReader reader, String orderPrefix, Instant at) {
        return new LineIterator(reader) {
            @Override
            boolean isHeader(String firstLine) {
                return false;
            }

            @Override
            void parse(String line, long lineNumber, Deque<PurchaseLine> out) {
                Map<String, String> items = new LinkedHashMap<>();
                for (String item : split(line, lineNumber)) {
                    String name = item.trim();
                    if (name.isEmpty()) {
                        continue;
                    }
                    String sku = ApiPatterns.slug(name);
                    if (sku.isEmpty() || name.length() > 200) {
                        throw CsvProblem.at(lineNumber, "item", "'" + LogSafe.value(name) + "' is not a usable item name");
                    }
                    items.putIfAbsent(sku, name);
                }
                String orderId = orderPrefix + "-" + lineNumber;
                items.forEach((sku, name) -> out.add(new PurchaseLine(orderId, null, sku, 1, null, at, null, null, name)));
            }
        };
    }

    private static List<String> split(String line, long lineNumber) {
        try {
            return CsvLine.split(line);
        } catch (IllegalArgumentException e) {
            throw CsvProblem.at(lineNumber, "line", e.getMessage());
        }
    }

    /** The customer column: empty (anonymous), an id or an identifier, normalised by {@code customerKey}. */
    private static String customer(String raw, long lineNumber, UnaryOperator<String> customerKey) {
        if (raw.isBlank()) {
            return null;
        }
        try {
            return customerKey.apply(raw);
        } catch (IllegalArgumentException e) {
            throw CsvProblem.at(lineNumber, "customer_id", e.getMessage());
        }
    }

    private static String optionalId(String raw, long lineNumber, String column) {
        String value = raw.trim();
        if (value.isEmpty()) {
            return null;
        }
        if (!value.matches(ApiPatterns.ID)) {
            throw CsvProblem.at(lineNumber, column, ApiPatterns.ID_MESSAGE);
        }
        return value;
    }

    private static int quantity(String raw, long lineNumber) {
        if (raw.isEmpty()) {
            return 1;
        }
        try {
            int quantity = Integer.parseInt(raw);
            if (quantity < 1 || quantity > 100_000) {
                throw CsvProblem.at(lineNumber, "quantity", "must be between 1 and 100000");
            }
            return quantity;
        } catch (NumberFormatException e) {
            throw CsvProblem.at(lineNumber, "quantity", "'" + LogSafe.value(raw) + "' is not a whole number");
        }
    }

    private static BigDecimal price(String raw, long lineNumber) {
        if (raw.isEmpty()) {
            return null;
        }
        try {
            BigDecimal price = new BigDecimal(raw);
            if (price.signum() < 0 || price.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
                throw CsvProblem.at(lineNumber, "price", "must be between 0 and 1000000");
            }
            return price;
        } catch (NumberFormatException e) {
            throw CsvProblem.at(lineNumber, "price", "'" + LogSafe.value(raw) + "' is not a number");
        }
    }

    /** ISO-8601: an instant with offset ({@code 2026-03-01T10:15:30Z}) or a date (midnight UTC). */
    static Instant timestamp(String raw, long lineNumber, Instant latestAccepted) {
        Instant at;
        try {
            at = raw.length() == 10 ? LocalDate.parse(raw).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException e) {
            throw CsvProblem.at(lineNumber, "timestamp", "'" + LogSafe.value(raw)
                    + "' is not an ISO-8601 date-time with offset (e.g. 2026-03-01T10:15:30Z)");
        }
        if (at.isAfter(latestAccepted)) {
            throw CsvProblem.at(lineNumber, "timestamp", "is in the future");
        }
        return at;
    }

    private abstract static class LineIterator implements Iterator<PurchaseLine> {
        private final BufferedReader reader;
        private final Deque<PurchaseLine> pending = new ArrayDeque<>();
        private long lineNumber;
        private boolean started;
        private boolean exhausted;

        LineIterator(BufferedReader reader) {
            this.reader = reader;
        }

        /** Checks the first line; true when it is a header rather than data. */
        abstract boolean isHeader(String firstLine);

        abstract void parse(String line, long lineNumber, Deque<PurchaseLine> out);

        @Override
        public boolean hasNext() {
            try {
                while (pending.isEmpty() && !exhausted) {
                    String line = reader.readLine();
                    lineNumber++;
                    if (!started) {
                        started = true;
                        if (isHeader(line)) {
                            continue;
                        }
                    }
                    if (line == null) {
                        exhausted = true;
                    } else if (!line.isBlank()) {
                        parse(line, lineNumber, pending);
                    }
                }
                return !pending.isEmpty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public PurchaseLine next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return pending.poll();
        }
    }
}
