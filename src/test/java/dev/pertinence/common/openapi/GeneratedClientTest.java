package dev.pertinence.common.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.client.ApiClient;
import dev.pertinence.client.ApiException;
import dev.pertinence.client.api.CustomersApi;
import dev.pertinence.client.api.DecisionsApi;
import dev.pertinence.client.api.OffersApi;
import dev.pertinence.client.api.OutcomesApi;
import dev.pertinence.client.model.Answer;
import dev.pertinence.client.model.Channel;
import dev.pertinence.client.model.ConsentChannel;
import dev.pertinence.client.model.ConsentPurpose;
import dev.pertinence.client.model.ConsentRequest;
import dev.pertinence.client.model.CustomerRequest;
import dev.pertinence.client.model.DecisionRequest;
import dev.pertinence.client.model.DecisionResponse;
import dev.pertinence.client.model.ExposurePage;
import dev.pertinence.client.model.LifeEventRequest;
import dev.pertinence.client.model.LifeEventType;
import dev.pertinence.client.model.LifeEventView;
import dev.pertinence.client.model.OfferRequest;
import dev.pertinence.client.model.OfferView;
import dev.pertinence.client.model.OutcomeReceipt;
import dev.pertinence.client.model.OutcomeRequest;
import dev.pertinence.client.model.OutcomeType;
import dev.pertinence.common.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a caller gets from openapi.yaml: a Java client generated in the build (openapi-generator,
 * library native) drives a whole flow. It proves the operation names read well (operationIds), that
 * every 201 body can be read (the ids the next call needs), and that the Accept header such a client
 * sends is served rather than refused with 406.
 */
@QuarkusTest
class GeneratedClientTest {

    @TestHTTPResource("/")
    URI base;

    private ApiClient client() {
        ApiClient client = new ApiClient();
        client.updateBaseUri(base.toString().replaceAll("/$", ""));
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + Tokens.ALL_ROLES));
        return client;
    }

    @Test
    void aGeneratedClientCreatesAnOfferACustomerConsentsADecisionAnOutcomeAndReadsTheExposures() throws Exception {
        ApiClient client = client();
        OffersApi offers = new OffersApi(client);
        CustomersApi customers = new CustomersApi(client);
        DecisionsApi decisions = new DecisionsApi(client);
        OutcomesApi outcomes = new OutcomesApi(client);

        OfferView offer = offers.createOffer(new OfferRequest().id("gc-offer-1").title("Prints at half price")
                .message("Your photos, printed").category("gc-photo").channels(List.of(Channel.WEB))
                .placements(List.of("gc-home")).businessValue(10.0), null);
        assertEquals("gc-offer-1", offer.getId());

        customers.upsertCustomer("gc-ada", new CustomerRequest().firstName("Ada").segments(List.of("gold")), null);
        customers.recordConsents("gc-ada", new ConsentRequest().consents(List.of(
                new Answer().purpose(ConsentPurpose.PROFILING).granted(true),
                new Answer().purpose(ConsentPurpose.OFFERS).channel(ConsentChannel.EMAIL).granted(true))), null);
        LifeEventView birthday = customers.addLifeEvent("gc-ada",
                new LifeEventRequest().type(LifeEventType.BIRTHDAY).date(LocalDate.of(1990, 6, 1)), null);
        assertNotNull(birthday.getId(), "a 201 body the client can read");

        DecisionResponse decision = decisions.decide(new DecisionRequest().customerId("gc-ada").channel(Channel.WEB)
                .placement("gc-home"), null);
        assertNotNull(decision.getDecisionId());
        assertEquals("gc-offer-1", decision.getOffers().get(0).getOfferId());

        OutcomeReceipt receipt = outcomes.recordOutcome(decision.getDecisionId(),
                new OutcomeRequest().eventId("gc-event-1").offerId("gc-offer-1").type(OutcomeType.ACCEPT), null);
        assertEquals("gc-event-1", receipt.getEventId());

        ExposurePage exposures = customers.listExposures("gc-ada", null, null, null);
        assertEquals("gc-offer-1", exposures.getExposures().get(0).getOfferId());
        assertEquals("accept", exposures.getExposures().get(0).getResponse().getValue());

        // a 204 whose contract lists only problems: the client accepts problem+json alone and must not meet 406
        customers.deleteLifeEvent(birthday.getId(), "gc-ada", null);
        assertTrue(customers.listLifeEvents("gc-ada", null).isEmpty());
    }

    @Test
    void aRefusalReachesTheGeneratedClientAsTheProblemTheContractDescribes() {
        ApiException missing = assertThrows(ApiException.class, () -> new OffersApi(client()).getOffer("gc-nowhere", null));
        assertEquals(404, missing.getCode());
        assertTrue(missing.getResponseBody().contains("\"status\":404"), missing.getResponseBody());
        ApiException invalid = assertThrows(ApiException.class, () -> new DecisionsApi(client()).decide(new DecisionRequest(), null));
        assertEquals(400, invalid.getCode());
        assertTrue(invalid.getResponseBody().contains("\"field\":\"channel\""), invalid.getResponseBody());
    }
}
