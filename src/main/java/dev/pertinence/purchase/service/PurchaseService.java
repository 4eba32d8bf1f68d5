package dev.pertinence.purchase.service;

import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.identity.service.CustomerResolver;
import dev.pertinence.purchase.PurchaseLine;
import dev.pertinence.purchase.PurchasesRecorded;
import dev.pertinence.purchase.store.PurchaseWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.io.BufferedReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Records purchases. Blocking (one transaction driven from a worker thread): call it off the event loop. Once
 * stored, {@link PurchasesRecorded} names their customers (a screen kept for a refresh must not offer again what
 * they just bought).
 */
@ApplicationScoped
public class PurchaseService {

    /** Clocks drift: a purchase up to this far ahead of ours is accepted. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(10);

    private final PurchaseWriter writer;
    private final CustomerResolver resolver;
    private final Clock clock;
    private final Event<PurchasesRecorded> recorded;

    public PurchaseService(PurchaseWriter writer, CustomerResolver resolver, Clock clock, Event<PurchasesRecorded> recorded) {
        this.writer = writer;
        this.resolver = resolver;
        this.clock = clock;
        this.recorded = recorded;
    }

    /** Lines as the caller gave them: the customer may be named by any of their references (type:value). */
    public PurchaseWriter.Written record(List<PurchaseLine> given) {
        Instant latest = clock.instant().plus(CLOCK_SKEW);
        List<PurchaseLine> lines = new ArrayList<>(given.size());
        for (int i = 0; i < given.size(); i++) {
            PurchaseLine line = given.get(i);
            if (line.purchasedAt().isAfter(latest)) {
                String field = given.size() == 1 ? "purchasedAt" : "[" + i + "].purchasedAt";
                throw ClientProblem.invalid(field, field + ": is in the future");
            }
            String customer = line.customerId() == null ? null
                    : resolver.parseWritable(line.customerId(), given.size() == 1 ? "customerId" : "[" + i + "].customerId").key();
            lines.add(new PurchaseLine(line.orderId(), customer, line.sku(), line.quantity(), line.amount(), line.purchasedAt(),
                    line.channel(), line.storeId(), line.productName()));
        }
        return recorded(writer.write(lines.iterator()));
    }

    public PurchaseWriter.Written importLines(BufferedReader csv) {
        return recorded(writer.write(PurchaseCsv.lines(csv, clock.instant().plus(CLOCK_SKEW), raw -> resolver.writable(raw).key())));
    }

    public PurchaseWriter.Written importBaskets(BufferedReader csv, Instant at) {
        Instant when = at == null ? clock.instant() : at;
        if (when.isAfter(clock.instant().plus(CLOCK_SKEW))) {
            throw ClientProblem.invalid("timestamp", "timestamp: is in the future");
        }
        String prefix = "basket-" + UUID.randomUUID().toString().substring(0, 8);
        return recorded(writer.write(PurchaseCsv.baskets(csv, prefix, when)));
    }

    /** Tells who depends on a person's purchases, synchronously: its observers never fail the write (it is stored). */
    private PurchaseWriter.Written recorded(PurchaseWriter.Written written) {
        if (!written.customers().isEmpty()) {
            recorded.fire(new PurchasesRecorded(written.customers()));
        }
        return written;
    }
}
