package dev.pertinence.offer.service;

import dev.pertinence.common.Channel;
import dev.pertinence.common.Upserted;
import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.decision.ContactPolicy;
import dev.pertinence.offer.OfferDraft;
import dev.pertinence.offer.catalog.OfferCatalog;
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

    /** A doubt about an accepted write, naming the field. */
    public record Warning(String field, String detail) {
    }

    /** An offer as stored by a write, and the doubts about it. */
    public record Written(OfferEntity offer, List<Warning> warnings) {
    }

    /** What a bulk upsert did, and the doubts about the offers it wrote. */
    public record BulkWritten(int created, int updated, List<Warning> warnings) {
    }

    /** One page of offers and how many match in all. */
    public record Listing(List<OfferEntity> offers, long total) {
    }

    public OfferService(RuleCompiler rules, MessageCompiler messages, OfferCatalog catalog, ProductDirectory products,
                        ActiveModel model, Clock clock) {
        this.rules = rules;
        this.messages = messages;
        this.catalog = catalog;
        this.products = products;
        this.model = model;
        this.clock = clock;
    }

    public Uni<Written> create(OfferDraft request) {
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
                .map(saved -> new Written(saved, warnings(request, "")))
                .call(catalog::changed);
    }

    public Uni<Upserted<Written>> upsert(String id, OfferDraft request) {
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
                .map(saved -> new Upserted<>(new Written(saved.value(), warnings(request, "")), saved.created()))
                .call(catalog::changed);
    }

    /** All or nothing: every offer is validated before any is stored. */
    public Uni<BulkWritten> upsertAll(List<OfferDraft> requests) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            OfferDraft request = requests.get(i);
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
                            for (OfferDraft request : requests) {
                                OfferEntity entity = byId.get(request.id());
                                if (entity == null) {
                                    entity = newOffer(request.id());
                                    byId.put(entity.id, entity);
                                    created++;
                                }
                                apply(entity, request);
                            }
                            List<Warning> warnings = new ArrayList<>();
                            for (int i = 0; i < requests.size(); i++) {
                                warnings.addAll(warnings(requests.get(i), "[" + i + "]."));
                            }
                            BulkWritten report = new BulkWritten(created, requests.size() - created, warnings);
                            // persisting an entity the session already manages is a no-op: only new ones are inserted
                            return OfferEntity.persist(byId.values()).replaceWith(report);
                        }))
                .call(catalog::changed);
    }

    public Uni<OfferEntity> setStatus(String id, String status) {
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
                .call(catalog::changed);
    }

    @WithSession
    public Uni<OfferEntity> get(String id) {
        return OfferEntity.<OfferEntity>findById(id).map(entity -> {
            if (entity == null) {
                throw ClientProblem.notFound("offer", id);
            }
            return entity;
        });
    }

    @WithSession
    public Uni<Listing> list(String status, Channel channel, int page, int size) {
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
                .chain(items -> query.count().map(total -> new Listing(items, total)));
    }

    private void validate(OfferDraft request, String prefix) {
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
    private List<Warning> warnings(OfferDraft request, String prefix) {
        if (request.targetSkus() == null) {
            return List.of();
        }
        List<Warning> warnings = new ArrayList<>();
        Popularity bought = model.current().popularity();
        for (int i = 0; i < request.targetSkus().size(); i++) {
            String sku = request.targetSkus().get(i);
            if (products.get(sku) == null && bought.ofSku(sku) == 0) {
                warnings.add(new Warning(prefix + "targetSkus[" + i + "]", "'" + sku + "' is neither a known "
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

    private void apply(OfferEntity entity, OfferDraft request) {
        entity.title = request.title().trim();
        entity.message = request.message().trim();
        entity.category = request.category() == null || request.category().isBlank() ? null : request.category().trim();
        entity.targetSkus = distinct(request.targetSkus(), Function.identity());
        entity.targetCategories = distinct(request.targetCategories(), String::trim);
        entity.channels = distinct(request.channels(), Channel::wire);
        entity.placements = distinct(request.placements(), Function.identity());
        entity.validFrom = request.validFrom();
        entity.validUntil = request.validUntil();
        entity.businessValue = request.businessValue();
        entity.lever = request.lever() == null ? 1.0 : request.lever();
        entity.rule = request.rule() == null || request.rule().isBlank() ? null : request.rule();
        entity.frequencyCapCount = request.frequencyCap() == null ? null : request.frequencyCap().count();
        entity.frequencyCapPeriodSeconds = request.frequencyCap() == null ? null : request.frequencyCap().period().toSeconds();
        entity.messageReliability = request.messageReliability() == null ? "declared"
                : request.messageReliability().name().toLowerCase(Locale.ROOT);
        entity.lifeEventType = request.lifeEvent() == null ? null : request.lifeEvent().type();
        entity.lifeEventDaysBefore = request.lifeEvent() == null ? null : request.lifeEvent().daysBefore();
        entity.lifeEventDaysAfter = request.lifeEvent() == null ? null : request.lifeEvent().daysAfter();
        entity.updatedAt = clock.instant();
    }

    private static <T> String[] distinct(List<T> values, Function<T, String> wire) {
        return values == null ? new String[0] : values.stream().map(wire).distinct().toArray(String[]::new);
    }
}
