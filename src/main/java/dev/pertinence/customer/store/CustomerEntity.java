package dev.pertinence.customer.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "customer")
public class CustomerEntity extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "first_name")
    public String firstName;
    @Column(name = "last_name")
    public String lastName;
    public String gender;
    @Column(name = "birth_date")
    public LocalDate birthDate;
    public String region;
    @Column(name = "postal_code")
    public String postalCode;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] segments = new String[0];
    @Column(name = "loyalty_tier")
    public String loyaltyTier;
    @Column(name = "loyalty_points")
    public Integer loyaltyPoints;
    @Column(name = "home_store")
    public String homeStore;
    /** field name -> {"source": ..., "reliability": ...} */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Map<String, String>> provenance = Map.of();
    @Column(name = "created_at", updatable = false)
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
