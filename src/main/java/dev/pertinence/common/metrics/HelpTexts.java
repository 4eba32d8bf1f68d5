package dev.pertinence.common.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Every meter's description is HELP text Prometheus' own parser reads. The text format lets HELP
 * escape only a backslash and a newline; the client library writes a double quote as {@code \"}
 * (Micrometer's process_cpu_time_ns: {@code The "cpu time" used by...}), and {@code promtool check
 * metrics}, like every scraper built on that parser, then refused the whole page. Double quotes in
 * a description become single ones.
 */
@Singleton
public class HelpTexts {

    @Produces
    @Singleton
    MeterFilter withoutDoubleQuotes() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return plain(id);
            }
        };
    }

    static Meter.Id plain(Meter.Id id) {
        String description = id.getDescription();
        if (description == null || description.indexOf('"') < 0) {
            return id;
        }
        return new Meter.Id(id.getName(), Tags.of(id.getTags()), id.getBaseUnit(), description.replace('"', '\''), id.getType());
    }
}
