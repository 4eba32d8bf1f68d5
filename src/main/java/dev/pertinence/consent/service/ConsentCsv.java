package dev.pertinence.consent.service;

import dev.pertinence.common.csv.CsvLine;
import dev.pertinence.common.csv.CsvProblem;
import dev.pertinence.common.problem.LogSafe;
import dev.pertinence.consent.ConsentChannel;
import dev.pertinence.consent.store.ConsentImport;
import dev.pertinence.consent.store.ConsentStore;
import dev.pertinence.decision.ConsentPolicy;
import dev.pertinence.decision.Consents;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.UnaryOperator;

/**
 * Consent answers as CSV, one per line under {@link #HEADER}: {@code customer_id} an id or an
 * identifier; {@code purpose} offers or profiling; {@code channel} for offers only; {@code granted}
 * true or false; {@code source}; {@code recorded_at} ISO-8601 with offset. Read lazily: a file of
 * any size streams.
 */
public final class ConsentCsv {

    public static final String HEADER = "customer_id,purpose,channel,granted,source,recorded_at";

    private ConsentCsv() {
    }

    public static Iterator<ConsentImport.Line> lines(BufferedReader reader, Instant latestAccepted, UnaryOperator<String> customerKey) {
        return new Iterator<>() {
            private long number;
            private ConsentImport.Line next;

            @Override
            public boolean hasNext() {
                try {
                    while (next == null) {
                        String line = reader.readLine();
                        number++;
                        if (number == 1) {
                            String header = line == null ? "" : line.replace("\uFEFF", "").trim().toLowerCase();
                            if (!header.equals(HEADER)) {
                                throw CsvProblem.header(HEADER, line);
                            }
                            continue;
                        }
                        if (line == null) {
                            return false;
                        }
                        if (!line.isBlank()) {
                            next = parse(line, number, latestAccepted, customerKey);
                        }
                    }
                    return true;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public ConsentImport.Line next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ConsentImport.Line line = next;
                next = null;
                return line;
            }
        };
    }

    static ConsentImport.Line parse(String line, long number, Instant latestAccepted, UnaryOperator<String> customerKey) {
        List<String> fields;
        try {
            fields = CsvLine.split(line);
        } catch (IllegalArgumentException e) {
            throw CsvProblem.at(number, "line", e.getMessage());
        }
        if (fields.size() != 6) {
            throw CsvProblem.at(number, "line", "expected 6 fields, found " + fields.size());
        }
        String customer;
        try {
            customer = customerKey.apply(fields.get(0));
        } catch (IllegalArgumentException e) {
            throw CsvProblem.at(number, "customer_id", e.getMessage());
        }
        String purpose = fields.get(1).trim().toLowerCase();
        String channel = fields.get(2).trim().toLowerCase();
        if (purpose.equals(ConsentPolicy.OFFERS)) {
            if (ConsentChannel.fromWire(channel) == null) {
                throw CsvProblem.at(number, "channel", "'" + LogSafe.value(channel)
                        + "' is not one of email, sms, phone, push, in_app, postal");
            }
        } else if (purpose.equals(ConsentPolicy.PROFILING)) {
            if (!channel.isEmpty()) {
                throw CsvProblem.at(number, "channel", "profiling is for every channel; leave it empty");
            }
            channel = Consents.ANY_CHANNEL;
        } else {
            throw CsvProblem.at(number, "purpose", "'" + LogSafe.value(purpose) + "' is not offers or profiling");
        }
        String granted = fields.get(3).trim().toLowerCase();
        if (!granted.equals("true") && !granted.equals("false")) {
            throw CsvProblem.at(number, "granted", "must be true or false");
        }
        String source = fields.get(4).trim();
        if (source.length() > 64) {
            throw CsvProblem.at(number, "source", "at most 64 characters");
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(fields.get(5).trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw CsvProblem.at(number, "recorded_at", "'" + LogSafe.value(fields.get(5))
                    + "' is not an ISO-8601 date-time with offset (e.g. 2026-03-01T10:15:30Z)");
        }
        if (at.isAfter(latestAccepted)) {
            throw CsvProblem.at(number, "recorded_at", "is in the future");
        }
        return new ConsentImport.Line(number, customer,
                new ConsentStore.Answer(purpose, channel, Boolean.parseBoolean(granted), source.isEmpty() ? "import" : source, at));
    }
}
