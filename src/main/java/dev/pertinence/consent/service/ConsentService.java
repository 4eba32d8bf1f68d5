package dev.pertinence.consent.service;

import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.consent.ConsentAnswer;
import dev.pertinence.consent.ConsentChannel;
import dev.pertinence.consent.ConsentPurpose;
import dev.pertinence.consent.store.ConsentImport;
import dev.pertinence.consent.store.ConsentStore;
import dev.pertinence.decision.ConsentPolicy;
import dev.pertinence.decision.Consents;
import dev.pertinence.identity.service.CustomerResolver;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records and reads what each person agreed to. */
@ApplicationScoped
public class ConsentService {

    /** Clocks drift: an answer up to this far ahead of ours is accepted. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(10);

    private final CustomerResolver resolver;
    private final ConsentStore store;
    private final ConsentImport importer;
    private final ConsentPolicy policy;
    private final Clock clock;

    public ConsentService(CustomerResolver resolver, ConsentStore store, ConsentImport importer, ConsentPolicy policy,
                          Clock clock) {
        this.resolver = resolver;
        this.store = store;
        this.importer = importer;
        this.policy = policy;
        this.clock = clock;
    }

    /** Blocking: a worker thread. */
    public ConsentImport.Report importCsv(BufferedReader csv) {
        return importer.write(ConsentCsv.lines(csv, clock.instant().plus(CLOCK_SKEW), raw -> resolver.writable(raw).key()));
    }

    public Uni<CustomerConsents> record(String customer, List<ConsentAnswer> given) {
        List<ConsentStore.Answer> answers = answers(given, clock.instant());
        return resolver.require(customer, "id")
                .chain(customerId -> store.record(customerId, answers).chain(() -> consents(customerId)));
    }

    public Uni<CustomerConsents> read(String customer) {
        return resolver.require(customer, "id").chain(this::consents);
    }

    /** The answers as stored: validated, dated, the profiling channel as "*"; a repeated question is a 400. */
    static List<ConsentStore.Answer> answers(List<ConsentAnswer> given, Instant now) {
        List<ConsentStore.Answer> answers = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < given.size(); i++) {
            ConsentAnswer answer = given.get(i);
            String field = "consents[" + i + "]";
            if (answer.purpose() == ConsentPurpose.OFFERS && answer.channel() == null) {
                throw ClientProblem.invalid(field + ".channel", field + ".channel: required for offers");
            }
            if (answer.purpose() == ConsentPurpose.PROFILING && answer.channel() != null) {
                throw ClientProblem.invalid(field + ".channel", field + ".channel: profiling is for every channel; give none");
            }
            Instant at = answer.recordedAt() == null ? now : answer.recordedAt();
            if (at.isAfter(now.plus(CLOCK_SKEW))) {
                throw ClientProblem.invalid(field + ".recordedAt", field + ".recordedAt: is in the future");
            }
            String channel = answer.channel() == null ? Consents.ANY_CHANNEL : answer.channel().wire();
            Integer earlier = seen.put(answer.purpose().wire() + ":" + channel, i);
            if (earlier != null) {
                throw ClientProblem.invalid(field, field + ": the same purpose and channel as consents[" + earlier + "]");
            }
            String source = answer.source() == null || answer.source().isBlank() ? "api" : answer.source().trim();
            answers.add(new ConsentStore.Answer(answer.purpose().wire(), channel, answer.granted(), source, at));
        }
        return answers;
    }

    private Uni<CustomerConsents> consents(String customerId) {
        return store.list(customerId).map(answers -> {
            Consents consents = ConsentStore.consents(answers);
            Map<String, Boolean> offers = new LinkedHashMap<>();
            for (ConsentChannel channel : ConsentChannel.values()) {
                Boolean answer = consents.answer(ConsentPolicy.OFFERS, channel.wire());
                offers.put(channel.wire(), answer == null ? policy.offersWhenUnknown() : answer);
            }
            return new CustomerConsents(customerId, answers, new CustomerConsents.Effective(policy.profilingAllowed(consents), offers));
        });
    }
}
