package dev.pertinence.offer.service;

import dev.pertinence.common.Channel;
import dev.pertinence.common.Upserted;
import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.decision.ContactPolicy;
import dev.pertinence.decision.OfferBudget;
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

    static final java.time.Duration MIN_BUDGET_PERIOD = java.time.Duration.ofHours(1);
    static final java.time.Duration MAX_BUDGET_PERIOD = java.time.Duration.ofDays(366);

    private final RuleCompiler rules;
    private final MessageCompiler messages;
    private final OfferCatalog catalog;
    private final ProductDirectory products;
    private final ActiveModel model;
    private final Clock clock;
    private final PertinenceConfig config;

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
                        ActiveModel model, Clock clock, PertinenceConfig config) {
        this.rules = rules;
        this.messages = messages;
        this.catalog = catalog;
        this.products = products;
        this.model = model;
        this.clock = clock;
        this.config = config;
    }

    public Uni<Written> create(OfferDraft draft) {
        validate(draft, "");
        String id = draft.id() != null ? draft.id() : "offer-" + UUID.randomUUID().toString().substring(0, 12);
        return Panache.withTransaction(() -> OfferEntity.<OfferEntity>findById(id)
                        .chain(existing -> {
                            if (existing != null) {
                                throw ClientProblem.conflict("offer '" + id + "' already exists; use PUT /v1/offers/" + id + " to replace it");
                            }
                            OfferEntity entity = newOffer(id);
                            apply(entity, draft);
                            return entity.<OfferEntity>persist();
                        }))
                .map(saved -> new Written(saved, warnings(draft, "")))
                .call(catalog::changed);
    }

    public Uni<Upserted<Written>> upsert(String id, OfferDraft draft) {
        if (draft.id() != null && !draft.id().equals(id)) {
            throw ClientProblem.invalid("id", "id: '" + draft.id() + "' differs from the id in the path");
        }
        validate(draft, "");
        return Panache.withTransaction(() -> OfferEntity.<OfferEntity>findById(id)
                        .chain(existing -> {
                            OfferEntity entity = existing == null ? newOffer(id) : existing;
                            apply(entity, draft);
                            return entity.<OfferEntity>persist().map(saved -> new Upserted<>(saved, existing == null));
                        }))
                .map(saved -> new Upserted<>(new Written(saved.value(), warnings(draft, "")), saved.created()))
                .call(catalog::changed);
    }

    /** All or nothing: every offer is validated before any is stored. */
    public Uni<BulkWritten> upsertAll(List<OfferDraft> drafts) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < drafts.size(); i++) {
            OfferDraft draft = drafts.get(i);
            String prefix = "[" + i + "].";
            if (draft.id() == null) {
                throw ClientProblem.invalid(prefix + "id", prefix + "id: is required in a bulk upsert");
            }
            if (!ids.add(draft.id())) {
                throw ClientProblem.invalid(prefix + "id", prefix + "id: '" + draft.id() + "' appears twice");
            }
            validate(draft, prefix);
        }
        return Panache.withTransaction(() -> OfferEntity.<OfferEntity>list("id in ?1", ids)
                        .chain(existing -> {
                            Map<String, OfferEntity> byId = new HashMap<>();
                            existing.forEach(entity -> byId.put(entity.id, entity));
                            int created = 0;
                            for (OfferDraft draft : drafts) {
                                OfferEntity entity = byId.get(draft.id());
                                if (entity == null) {
                                    entity = newOffer(draft.id());
                                    byId.put(entity.id, entity);
                                    created++;
                                }
                                apply(entity, draft);
                            }
                            List<Warning> warnings = new ArrayList<>();
                            for (int i = 0; i < drafts.size(); i++) {
                                warnings.addAll(warnings(drafts.get(i), "[" + i + "]."));
                            }
                            BulkWritten report = new BulkWritten(created, drafts.size() - created, warnings);
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

    private void validate(OfferDraft draft, String prefix) {
        if (draft.validFrom() != null && draft.validUntil() != null && !draft.validUntil().isAfter(draft.validFrom())) {
            throw ClientProblem.invalid(prefix + "validUntil", prefix + "validUntil: must be after validFrom");
        }
        if (draft.frequencyCap() != null) {
            java.time.Duration period = draft.frequencyCap().period();
            if (period.compareTo(java.time.Duration.ofHours(1)) < 0 || period.compareTo(ContactPolicy.MAX_FREQUENCY_PERIOD) > 0) {
                throw ClientProblem.invalid(prefix + "frequencyCap.period", prefix + "frequencyCap.period: must be from 1 hour (PT1H) to 30 days (P30D)");
            }
        }
        if (draft.excludeBoughtWithin() != null) {
            java.time.Duration period = draft.excludeBoughtWithin();
            java.time.Duration window = config.decision().historyWindow();
            if (period.compareTo(java.time.Duration.ofDays(1)) < 0 || period.compareTo(window) > 0) {
                throw ClientProblem.invalid(prefix + "excludeBoughtWithin", prefix + "excludeBoughtWithin: must be from 1 day (P1D) "
                        + "to the history window (P" + window.toDays() + "D): purchases older than that are not read");
            }
        }
        validateBudget(draft, prefix);
        try {
            rules.compile(draft.rule());
        } catch (RuleSyntaxException e) {
            throw prefix.isEmpty() ? e : e.at(prefix + "rule");
        }
        try {
            messages.compile(draft.message());
        } catch (IllegalArgumentException e) {
            throw ClientProblem.invalid(prefix + "message", prefix + "message: " + e.getMessage());
        }
    }

    /**
     * A rule checked as saving an offer checks it, nothing stored (the console checks rules as they are typed).
     *
     * @return its worst-case cost in evaluation steps; 0 for an empty rule
     * @throws RuleSyntaxException where it does not compile, or costs too much
     */
    public double checkRule(String rule) {
        rules.compileUncached(rule); // typed keystroke by keystroke: not into the saved rules' cache
        return rule == null || rule.isBlank() ? 0 : rules.cost(rule);
    }

    private void validateBudget(OfferDraft draft, String prefix) {
        OfferDraft.Budget budget = draft.budget();
        if (budget == null) {
            return;
        }
        String field = prefix + "budget.";
        if (budget.until() != null && budget.period() != null) {
            throw ClientProblem.invalid(field + "period", field + "period: a budget has until or period, not both");
        }
        if (budget.until() == null && budget.period() == null) {
            throw ClientProblem.invalid(field + "until", field + "until: a budget needs until (a date) or period (e.g. P7D)");
        }
        if (budget.period() != null && (budget.period().compareTo(MIN_BUDGET_PERIOD) < 0
                || budget.period().compareTo(MAX_BUDGET_PERIOD) > 0)) {
            throw ClientProblem.invalid(field + "period", field + "period: must be from 1 hour (PT1H) to 366 days (P366D)");
        }
        if (budget.until() != null) {
            if (!budget.until().isAfter(clock.instant())) {
                throw ClientProblem.invalid(field + "until", field + "until: must be in the future");
            }
            if (draft.validFrom() != null && !budget.until().isAfter(draft.validFrom())) {
                throw ClientProblem.invalid(field + "until", field + "until: must be after validFrom");
            }
            if (budget.until().isAfter(clock.instant().plus(MAX_BUDGET_PERIOD))) {
                throw ClientProblem.invalid(field + "until", field + "until: at most 366 days ahead");
            }
        }
    }

    /**
     * Target SKUs that are neither a product nor bought within the model's window: accepted (the
     * product may be added later) but probably a typo ("yoghurt" for "yogurt"), so the answer says so.
     */
    private List<Warning> warnings(OfferDraft draft, String prefix) {
        if (draft.targetSkus() == null) {
            return List.of();
        }
        List<Warning> warnings = new ArrayList<>();
        Popularity bought = model.current().popularity();
        for (int i = 0; i < draft.targetSkus().size(); i++) {
            String sku = draft.targetSkus().get(i);
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

    private void apply(OfferEntity entity, OfferDraft draft) {
        entity.title = draft.title().trim();
        entity.message = draft.message().trim();
        entity.category = draft.category() == null || draft.category().isBlank() ? null : draft.category().trim();
        entity.targetSkus = distinct(draft.targetSkus(), Function.identity());
        entity.targetCategories = distinct(draft.targetCategories(), String::trim);
        entity.channels = distinct(draft.channels(), Channel::wire);
        entity.placements = distinct(draft.placements(), Function.identity());
        entity.validFrom = draft.validFrom();
        entity.validUntil = draft.validUntil();
        entity.businessValue = draft.businessValue();
        entity.lever = draft.lever() == null ? 1.0 : draft.lever();
        entity.rule = draft.rule() == null || draft.rule().isBlank() ? null : draft.rule();
        entity.frequencyCapCount = draft.frequencyCap() == null ? null : draft.frequencyCap().count();
        entity.frequencyCapPeriodSeconds = draft.frequencyCap() == null ? null : draft.frequencyCap().period().toSeconds();
        entity.messageReliability = draft.messageReliability() == null ? "declared"
                : draft.messageReliability().name().toLowerCase(Locale.ROOT);
        entity.lifeEventType = draft.lifeEvent() == null ? null : draft.lifeEvent().type();
        entity.lifeEventDaysBefore = draft.lifeEvent() == null ? null : draft.lifeEvent().daysBefore();
        entity.lifeEventDaysAfter = draft.lifeEvent() == null ? null : draft.lifeEvent().daysAfter();
        entity.costPerImpression = draft.cost() == null ? null : draft.cost().perImpression();
        entity.costPerAccept = draft.cost() == null ? null : draft.cost().perAccept();
        entity.costPerRedemption = draft.cost() == null ? null : draft.cost().perRedemption();
        entity.talkingPoints = draft.talkingPoints() == null ? new String[0]
                : draft.talkingPoints().stream().map(String::trim).toArray(String[]::new);
        entity.updatedAt = clock.instant();
        entity.proposeWhenInCart = Boolean.TRUE.equals(draft.proposeWhenInCart());
        entity.excludeBoughtWithinSeconds = draft.excludeBoughtWithin() == null ? null : draft.excludeBoughtWithin().toSeconds();
        applyBudget(entity, draft);
    }

    /**
     * The budget's columns. Its start is validFrom, else when the budget was first set: kept while
     * the offer keeps a budget counting the same thing (a changed count or pacing does not reset
     * what was spent), reset when it counts something else or was removed.
     */
    private void applyBudget(OfferEntity entity, OfferDraft draft) {
        OfferDraft.Budget budget = draft.budget();
        if (budget == null) {
            entity.budgetCount = null;
            entity.budgetOf = null;
            entity.budgetUntil = null;
            entity.budgetPeriodSeconds = null;
            entity.budgetPacing = null;
            entity.budgetStart = null;
            return;
        }
        String of = budget.of().wire();
        boolean kept = entity.budgetStart != null && of.equals(entity.budgetOf);
        entity.budgetStart = draft.validFrom() != null ? draft.validFrom()
                : kept ? entity.budgetStart : clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        entity.budgetCount = budget.count();
        entity.budgetOf = of;
        entity.budgetUntil = budget.until();
        entity.budgetPeriodSeconds = budget.period() == null ? null : budget.period().toSeconds();
        entity.budgetPacing = (budget.pacing() == null ? OfferBudget.Pacing.ASAP : budget.pacing()).wire();
    }

    private static <T> String[] distinct(List<T> values, Function<T, String> wire) {
        return values == null ? new String[0] : values.stream().map(wire).distinct().toArray(String[]::new);
    }
}
