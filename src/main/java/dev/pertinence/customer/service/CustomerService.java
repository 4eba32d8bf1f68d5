package dev.pertinence.customer.service;

import dev.pertinence.common.Upserted;
import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.customer.rest.CustomerRequest;
import dev.pertinence.customer.rest.CustomerView;
import dev.pertinence.customer.rest.Gender;
import dev.pertinence.customer.rest.Provenance;
import dev.pertinence.customer.rest.Reliability;
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
    public Uni<Upserted<CustomerView>> upsert(String id, CustomerRequest request) {
        Map<String, Map<String, String>> provenance = provenanceOf(request);
        return CustomerEntity.<CustomerEntity>findById(id)
                .chain(existing -> {
                    boolean created = existing == null;
                    CustomerEntity entity = created ? newCustomer(id) : existing;
                    apply(entity, request, provenance);
                    return entity.<CustomerEntity>persist().map(saved -> new Upserted<>(toView(saved), created));
                });
    }

    @WithSession
    public Uni<CustomerView> get(String id) {
        return CustomerEntity.<CustomerEntity>findById(id)
                .map(entity -> {
                    if (entity == null) {
                        throw ClientProblem.notFound("customer", id);
                    }
                    return toView(entity);
                });
    }

    private CustomerEntity newCustomer(String id) {
        CustomerEntity entity = new CustomerEntity();
        entity.id = id;
        entity.createdAt = clock.instant();
        return entity;
    }

    private void apply(CustomerEntity entity, CustomerRequest request, Map<String, Map<String, String>> provenance) {
        entity.firstName = blankToNull(request.firstName());
        entity.lastName = blankToNull(request.lastName());
        entity.gender = request.gender() == null ? null : request.gender().name().toLowerCase(Locale.ROOT);
        entity.birthDate = request.birthDate();
        entity.region = blankToNull(request.region());
        entity.postalCode = blankToNull(request.postalCode());
        entity.segments = request.segments() == null ? new String[0]
                : request.segments().stream().map(String::trim).distinct().toArray(String[]::new);
        entity.loyaltyTier = blankToNull(request.loyaltyTier());
        entity.loyaltyPoints = request.loyaltyPoints();
        entity.homeStore = blankToNull(request.homeStore());
        entity.provenance = provenance;
        entity.updatedAt = clock.instant();
    }

    /** Provenance for every field that has a value; unknown field names are refused. */
    static Map<String, Map<String, String>> provenanceOf(CustomerRequest request) {
        Map<String, Provenance> given = request.provenance() == null ? Map.of() : request.provenance();
        for (String field : given.keySet()) {
            if (!PROFILE_FIELDS.contains(field)) {
                throw ClientProblem.invalid("provenance." + field,
                        "'" + field + "' is not a profile field; known fields are " + new TreeSet<>(PROFILE_FIELDS));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("firstName", blankToNull(request.firstName()));
        values.put("lastName", blankToNull(request.lastName()));
        values.put("gender", request.gender());
        values.put("birthDate", request.birthDate());
        values.put("region", blankToNull(request.region()));
        values.put("postalCode", blankToNull(request.postalCode()));
        values.put("segments", request.segments() == null || request.segments().isEmpty() ? null : request.segments());
        values.put("loyaltyTier", blankToNull(request.loyaltyTier()));
        values.put("loyaltyPoints", request.loyaltyPoints());
        values.put("homeStore", blankToNull(request.homeStore()));
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

    static CustomerView toView(CustomerEntity entity) {
        Map<String, Provenance> provenance = new TreeMap<>();
        if (entity.provenance != null) {
            entity.provenance.forEach((field, p) -> provenance.put(field, new Provenance(p.get("source"),
                    Reliability.valueOf(p.get("reliability").toUpperCase(Locale.ROOT)))));
        }
        return new CustomerView(entity.id, entity.firstName, entity.lastName,
                entity.gender == null ? null : Gender.valueOf(entity.gender.toUpperCase(Locale.ROOT)),
                entity.birthDate, entity.region, entity.postalCode,
                entity.segments == null ? List.of() : Arrays.asList(entity.segments),
                entity.loyaltyTier, entity.loyaltyPoints, entity.homeStore, provenance,
                entity.createdAt, entity.updatedAt);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
