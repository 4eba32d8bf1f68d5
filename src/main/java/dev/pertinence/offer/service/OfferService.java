package dev.pertinence.offer.service;

import dev.pertinence.common.Channel;
import dev.pertinence.common.Upserted;
import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.decision.ContactPolicy;
import dev.pertinence.offer.catalog.OfferCatalog;
import dev.pertinence.offer.rest.BulkOfferReport;
import dev.pertinence.offer.rest.OfferPage;
import dev.pertinence.offer.rest.OfferRequest;
import dev.pertinence.offer.rest.OfferView;
import dev.pertinence.offer.message.MessageCompiler;
import dev.pertinence.offer.rule.RuleCompiler;
import dev.pertinence.offer.rule.RuleSyntaxException;
import dev.pertinence.offer.store.OfferEntity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import dev.pertinence.decision.Popularity;
import dev.pertinence.copurchase.store.ActiveModel;
import dev.pertinence.product.store.ProductDirectory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Offer writes: validated (the rule must compile) before anything is stored; every committed
 * change is announced so that every replica reloads its catalogue, this one before answering.
 */
@ApplicationScoped
public class OfferService {

    private final RuleCompiler rules;
    private final MessageCompiler messages;
    private final OfferCatalog catalog;
    private final ProductDirectory products;
    private final ActiveModel model;
    private final Clock clock;

    public OfferService(RuleCompiler rules, MessageCompiler messages, OfferCatalog catalog, ProductDirectory products,
                        ActiveModel model, Clock clock) {
        this.rules = rules;
        this.messages = messages;
        this.catalog = catalog;
        this.products = products;
        this.model = model;
        this.clock = clock;
    }

    public Uni<OfferView> create(OfferRequest request) {
        validate(request, "");
        String id = request.id() != null ? request.id() : "offer-" + UUID.randomUUID().toString().substring(0, 12);
        return Panache.withTransaction(() -> OfferEntity.<OfferEntity>findById(id)
                        .chain(existing -> {
                            if (existing != null) {
                                throw ClientProblem.conflict("offer '" + id + "' already exists; use PUT /v1/offers/" + id + " to replace it");
                            }
                            OfferEntity entity = newOffer(id);
                            apply(entity, request);
                            return entity.<OfferEntity>persist();
                        }))
                .map(saved -> toView(saved).withWarnings(warnings(request, "")))
                .call(catalog::changed);
    }

    public Uni<Upserted<OfferView>> upsert(String id, OfferRequest request) {
        if (request.id() != null && !request.id().equals(id)) {
            throw ClientProblem.invalid("id", "id: '" + request.id() + "' differs from the id in the path");
        }
        validate(request, "");
        return Panache.withTransaction(() -> OfferEntity.<OfferEntity>findById(id)
                        .chain(existing -> {
                            OfferEntity entity = existing == null ? newOffer(id) : existing;
                            apply(entity, request);
                            return entity.<OfferEntity>persist().map(saved -> new Upserted<>(saved, existing == null));
                        }))
                .map(saved -> new Upserted<>(toView(saved.value()).withWarnings(warnings(request, "")), saved.created()))
                .call(catalog::changed);
    }

    /** All or nothing: every offer is validated before any is stored. */
    public Uni<BulkOfferReport> upsertAll(List<OfferRequest> requests) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            OfferRequest request = requests.get(i);
            String prefix = "[" + i + "].";
            if (request.id() == null) {
                throw ClientProblem.invalid(prefix + "id", prefix + "id: is required in a bulk upsert");
            }
            if (!ids.add(request.id())) {
                throw ClientProblem.invalid(prefix + "id", prefix + "id: '" + request.id() + "' appears twice");
            }
            validate(request, prefix);
        }
        return Panache.withTransaction(() -> OfferEntity.<OfferEntity>list("id in ?1", ids)
                        .chain(existing -> {
                            Map<String, OfferEntity> byId = new HashMap<>();
                            existing.forEach(entity -> byId.put(entity.id, entity));
                            int created = 0;
                            for (OfferRequest request : requests) {
                                OfferEntity entity = byId.get(request.id());
                                if (entity == null) {
                                    entity = newOffer(request.id());
                                    byId.put(entity.id, entity);
                                    created++;
                                }
                                apply(entity, request);
                            }
                            List<OfferView.Warning> warnings = new ArrayList<>();
                            for (int i = 0; i < requests.size(); i++) {
                                warnings.addAll(warnings(requests.get(i), "[" + i + "]."));
                            }
                            BulkOfferReport report = new BulkOfferReport(created, requests.size() - created, warnings);
                            // persisting an entity the session already manages is a no-op: only new ones are inserted
                            return OfferEntity.persist(byId.values()).replaceWith(report);
                        }))
                .call(catalog::changed);
    }

    public Uni<OfferView> setStatus(String id, String status) {
        return Panache.withTransaction(() -> OfferEntity.<OfferEntity>findById(id)
                        .map(entity -> {
                            if (entity == null) {
                                throw ClientProblem.notFound("offer", id);
                            }
                            if (!status.equals(entity.status)) {
                                entity.status = status;
                                entity.updatedAt = clock.instant();
                            }
                            return entity;
                        }))
                .map(OfferService::toView)
                .call(catalog::changed);
    }

    @WithSession
    public Uni<OfferView> get(String id) {
        return OfferEntity.<OfferEntity>findById(id).map(entity -> {
            if (entity == null) {
                throw ClientProblem.notFound("offer", id);
            }
            return toView(entity);
        });
    }

    @WithSession
    public Uni<OfferPage> list(String status, Channel channel, int page, int size) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (status != null) {
            where.append(" and status = :status");
            parameters.and("status", status);
        }
        if (channel != null) {
            where.append(" and array_contains(channels, :channel)");
            parameters.and("channel", channel.wire());
        }
        PanacheQuery<OfferEntity> query = OfferEntity.find(where.toString(), Sort.by("id"), parameters);
        return query.page(Page.of(page, size)).list()
                .chain(items -> query.count().map(total -> new OfferPage(
                        items.stream().map(OfferService::toView).toList(), page, size, total)));
    }

    private void validate(OfferRequest request, String prefix) {
        if (request.validFrom() != null && request.validUntil() != null && !request.validUntil().isAfter(request.validFrom())) {
            throw ClientProblem.invalid(prefix + "validUntil", prefix + "validUntil: must be after validFrom");
        }
        if (request.frequencyCap() != null) {
            java.time.Duration period = request.frequencyCap().period();
            if (period.compareTo(java.time.Duration.ofHours(1)) < 0 || period.compareTo(ContactPolicy.MAX_FREQUENCY_PERIOD) > 0) {
                throw ClientProblem.invalid(prefix + "frequencyCap.period", prefix + "frequencyCap.period: must be from 1 hour (PT1H) to 30 days (P30D)");
            }
        }
        try {
            rules.compile(request.rule());
        } catch (RuleSyntaxException e) {
            throw prefix.isEmpty() ? e : e.at(prefix + "rule");
        }
        try {
            messages.compile(request.message());
        } catch (IllegalArgumentException e) {
            throw ClientProblem.invalid(prefix + "message", prefix + "message: " + e.getMessage());
        }
    }

    /**
     * Target SKUs that are neither a product nor bought within the model's window: accepted (the
     * product may be added later) but probably a typo ("yoghurt" for "yogurt"), so the answer says so.
     */
    private List<OfferView.Warning> warnings(OfferRequest request, String prefix) {
        if (request.targetSkus() == null) {
            return List.of();
        }
        List<OfferView.Warning> warnings = new ArrayList<>();
        Popularity bought = model.current().popularity();
        for (int i = 0; i < request.targetSkus().size(); i++) {
            String sku = request.targetSkus().get(i);
            if (products.get(sku) == null && bought.ofSku(sku) == 0) {
                warnings.add(new OfferView.Warning(prefix + "targetSkus[" + i + "]", "'" + sku + "' is neither a known "
                        + "product nor bought in the model's window: the offer cannot be matched to purchases of it until it is"));
            }
        }
        return warnings;
    }

    private OfferEntity newOffer(String id) {
        OfferEntity entity = new OfferEntity();
        entity.id = id;
        entity.status = "active";
        entity.createdAt = clock.instant();
        return entity;
    }

    private void apply(OfferEntity entity, OfferRequest request) {
        entity.title = request.title().trim();
        entity.message = request.message().trim();
        entity.category = request.category() == null || request.category().isBlank() ? null : request.category().trim();
        entity.targetSkus = distinct(request.targetSkus(), Function.identity());
        entity.targetCategories = distinct(request.targetCategories(), String::trim);
        entity.channels = distinct(request.channels(), Channel::wire);
        entity.placements = distinct(request.placements(), Function.identity());
        entity.validFrom = request.validFrom() == null ? null : request.validFrom().toInstant();
        entity.validUntil = request.validUntil() == null ? null : request.validUntil().toInstant();
        entity.businessValue = request.businessValue();
        entity.lever = request.lever() == null ? 1.0 : request.lever();
        entity.rule = request.rule() == null || request.rule().isBlank() ? null : request.rule();
        entity.frequencyCapCount = request.frequencyCap() == null ? null : request.frequencyCap().count();
        entity.frequencyCapPeriodSeconds = request.frequencyCap() == null ? null : request.frequencyCap().period().toSeconds();
        entity.messageReliability = request.messageReliability() == null ? "declared"
                : request.messageReliability().name().toLowerCase(Locale.ROOT);
        entity.lifeEventType = request.lifeEvent() == null ? null : request.lifeEvent().type().wire();
        entity.lifeEventDaysBefore = request.lifeEvent() == null ? null : request.lifeEvent().daysBefore();
        entity.lifeEventDaysAfter = request.lifeEvent() == null ? null : request.lifeEvent().daysAfter();
        entity.updatedAt = clock.instant();
    }

    private static <T> String[] distinct(List<T> values, Function<T, String> wire) {
        return values == null ? new String[0] : values.stream().map(wire).distinct().toArray(String[]::new);
    }

    static OfferView toView(OfferEntity entity) {
        return new OfferView(entity.id, entity.title, entity.message, entity.category,
                Arrays.asList(entity.targetSkus), Arrays.asList(entity.targetCategories),
                Arrays.stream(entity.channels).map(c -> Channel.valueOf(c.toUpperCase(Locale.ROOT))).toList(),
                Arrays.asList(entity.placements), entity.validFrom, entity.validUntil, entity.businessValue, entity.lever,
                entity.rule, entity.frequencyCapCount == null ? null : OfferView.FrequencyCap.of(entity.frequencyCapCount,
                        java.time.Duration.ofSeconds(entity.frequencyCapPeriodSeconds)),
                dev.pertinence.customer.Reliability.valueOf(entity.messageReliability.toUpperCase(Locale.ROOT)),
                entity.lifeEventType == null ? null : new OfferRequest.LifeEvent(
                        dev.pertinence.customer.LifeEventType.valueOf(entity.lifeEventType.toUpperCase(Locale.ROOT)),
                        entity.lifeEventDaysBefore, entity.lifeEventDaysAfter),
                entity.status, entity.version, entity.createdAt, entity.updatedAt, null);
    }
}
