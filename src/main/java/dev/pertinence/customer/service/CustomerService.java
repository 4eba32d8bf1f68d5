package dev.pertinence.customer.service;

import dev.pertinence.common.Upserted;
import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.customer.Customer;
import dev.pertinence.customer.CustomerProfile;
import dev.pertinence.customer.Gender;
import dev.pertinence.customer.Provenance;
import dev.pertinence.customer.Reliability;
import dev.pertinence.customer.store.CustomerEntity;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

@ApplicationScoped
public class CustomerService {

    /** Profile fields that carry provenance. */
    static final Set<String> PROFILE_FIELDS = Set.of("firstName", "lastName", "gender", "birthDate", "region",
            "postalCode", "segments", "loyaltyTier", "loyaltyPoints", "homeStore");

    private final Clock clock;

    public CustomerService(Clock clock) {
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Upserted<Customer>> upsert(String id, CustomerProfile profile) {
        Map<String, Map<String, String>> provenance = provenanceOf(profile);
        return CustomerEntity.<CustomerEntity>findById(id)
                .chain(existing -> {
                    boolean created = existing == null;
                    CustomerEntity entity = created ? newCustomer(id) : existing;
                    apply(entity, profile, provenance);
                    return entity.<CustomerEntity>persist().map(saved -> new Upserted<>(customer(saved), created));
                });
    }

    @WithSession
    public Uni<Customer> get(String id) {
        return find(id).map(found -> {
            if (found == null) {
                throw ClientProblem.notFound("customer", id);
            }
            return found;
        });
    }

    /** The customer with this id, or null. */
    @WithSession
    public Uni<Customer> find(String id) {
        return CustomerEntity.<CustomerEntity>findById(id).map(entity -> entity == null ? null : customer(entity));
    }

    private CustomerEntity newCustomer(String id) {
        CustomerEntity entity = new CustomerEntity();
        entity.id = id;
        entity.createdAt = clock.instant();
        return entity;
    }

    private void apply(CustomerEntity entity, CustomerProfile profile, Map<String, Map<String, String>> provenance) {
        entity.firstName = blankToNull(profile.firstName());
        entity.lastName = blankToNull(profile.lastName());
        entity.gender = profile.gender() == null ? null : profile.gender().name().toLowerCase(Locale.ROOT);
        entity.birthDate = profile.birthDate();
        entity.region = blankToNull(profile.region());
        entity.postalCode = blankToNull(profile.postalCode());
        entity.segments = profile.segments() == null ? new String[0]
                : profile.segments().stream().map(String::trim).distinct().toArray(String[]::new);
        entity.loyaltyTier = blankToNull(profile.loyaltyTier());
        entity.loyaltyPoints = profile.loyaltyPoints();
        entity.homeStore = blankToNull(profile.homeStore());
        entity.provenance = provenance;
        entity.updatedAt = clock.instant();
    }

    /** Provenance for every field that has a value; unknown field names are refused. */
    static Map<String, Map<String, String>> provenanceOf(CustomerProfile profile) {
        Map<String, Provenance> given = profile.provenance() == null ? Map.of() : profile.provenance();
        for (String field : given.keySet()) {
            if (!PROFILE_FIELDS.contains(field)) {
                throw ClientProblem.invalid("provenance." + field,
                        "'" + field + "' is not a profile field; known fields are " + new TreeSet<>(PROFILE_FIELDS));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("firstName", blankToNull(profile.firstName()));
        values.put("lastName", blankToNull(profile.lastName()));
        values.put("gender", profile.gender());
        values.put("birthDate", profile.birthDate());
        values.put("region", blankToNull(profile.region()));
        values.put("postalCode", blankToNull(profile.postalCode()));
        values.put("segments", profile.segments() == null || profile.segments().isEmpty() ? null : profile.segments());
        values.put("loyaltyTier", blankToNull(profile.loyaltyTier()));
        values.put("loyaltyPoints", profile.loyaltyPoints());
        values.put("homeStore", blankToNull(profile.homeStore()));
        Map<String, Map<String, String>> result = new TreeMap<>();
        values.forEach((field, value) -> {
            if (value != null) {
                Provenance provenance = given.getOrDefault(field, Provenance.DEFAULT);
                result.put(field, Map.of("source", provenance.source(),
                        "reliability", provenance.reliability().name().toLowerCase(Locale.ROOT)));
            }
        });
        return result;
    }

    static Customer customer(CustomerEntity entity) {
        Map<String, Provenance> provenance = new TreeMap<>();
        if (entity.provenance != null) {
            entity.provenance.forEach((field, p) -> provenance.put(field, new Provenance(p.get("source"),
                    Reliability.valueOf(p.get("reliability").toUpperCase(Locale.ROOT)))));
        }
        return new Customer(entity.id, new CustomerProfile(entity.firstName, entity.lastName,
                entity.gender == null ? null : Gender.valueOf(entity.gender.toUpperCase(Locale.ROOT)),
                entity.birthDate, entity.region, entity.postalCode,
                entity.segments == null ? List.of() : Arrays.asList(entity.segments),
                entity.loyaltyTier, entity.loyaltyPoints, entity.homeStore, provenance),
                entity.createdAt, entity.updatedAt);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
