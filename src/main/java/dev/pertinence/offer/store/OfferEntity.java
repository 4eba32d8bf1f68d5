package dev.pertinence.offer.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "offer")
public class OfferEntity extends PanacheEntityBase {

    @Id
    public String id;
    public String title;
    public String message;
    public String category;
    @Column(name = "target_skus")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] targetSkus;
    @Column(name = "target_categories")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] targetCategories;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] channels;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] placements;
    @Column(name = "valid_from")
    public Instant validFrom;
    @Column(name = "valid_until")
    public Instant validUntil;
    @Column(name = "business_value")
    public double businessValue;
    public double lever;

    @Column(name = "frequency_cap_count")
    public Integer frequencyCapCount;

    @Column(name = "frequency_cap_period_seconds")
    public Long frequencyCapPeriodSeconds;

    @Column(name = "message_reliability")
    public String messageReliability;

    @Column(name = "life_event_type")
    public String lifeEventType;

    @Column(name = "life_event_days_before")
    public Integer lifeEventDaysBefore;

    @Column(name = "life_event_days_after")
    public Integer lifeEventDaysAfter;
    public String rule;
    public String status;
    @Version
    public int version;
    @Column(name = "created_at", updatable = false)
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "propose_when_in_cart")
    public boolean proposeWhenInCart;

    @Column(name = "exclude_bought_within_seconds")
    public Long excludeBoughtWithinSeconds;

    @Column(name = "cost_per_impression")
    public java.math.BigDecimal costPerImpression;

    @Column(name = "cost_per_accept")
    public java.math.BigDecimal costPerAccept;

    @Column(name = "cost_per_redemption")
    public java.math.BigDecimal costPerRedemption;

    @Column(name = "talking_points")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] talkingPoints;

    @Column(name = "budget_count")
    public Long budgetCount;

    @Column(name = "budget_of")
    public String budgetOf;

    @Column(name = "budget_until")
    public Instant budgetUntil;

    @Column(name = "budget_period_seconds")
    public Long budgetPeriodSeconds;

    @Column(name = "budget_pacing")
    public String budgetPacing;

    /** When the budget's first window begins: validFrom, else when the budget was set (kept while it has one). */
    @Column(name = "budget_start")
    public Instant budgetStart;
}
