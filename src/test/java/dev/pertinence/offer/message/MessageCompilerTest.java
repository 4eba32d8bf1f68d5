package dev.pertinence.offer.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.decision.MessageFields;
import io.quarkus.qute.Engine;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Messages are values, conditions and fallbacks, bounded in what they render. */
class MessageCompilerTest {

    private final MessageCompiler compiler = new MessageCompiler(Engine.builder().addDefaults().build(), 2_000);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            // the 85 characters that ran the service out of memory
            "{#for a in 1000}{#for b in 1000}{#for c in 1000}{customer.fullName}{/for}{/for}{/for} | {#for} at line 1",
            "{#each 1000}{customer.tier}{/each} | {#each} at line 1",
            "Hi{#let x=1}{x}{/let} | {#let} at line 1",
            "\"Hi\n{#include other /}\" | {#include} at line 2",
            "{#eval customer.firstName /} | {#eval} at line 1",
            "{#with customer}{firstName}{/with} | {#with} at line 1",
            "{config:quarkus.datasource.password} | no namespace (config:)",
            "{inject:offerService} | no namespace (inject:)",
            "{customer.firstName.repeat(1000000)} | a value may only be followed by a fallback",
            "{customer.tier.or(customer.fullName)} | a value may only be followed by a fallback",
            "{customer.size} | the variables are customer.greeting",
            "{customer} | the variables are customer.greeting",
            "{moment.length} | a value may only be followed by a fallback",
            "{#if customer.keys}x{/if} | the variables are customer.greeting",
    })
    void refusesAnythingButValuesConditionsAndFallbacks(String template, String why) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> compiler.compile(template));
        assertTrue(refused.getMessage().contains(why), refused.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{customer.greeting}, as a {customer.tier} member",
            "{#if customer.tier == 'gold'}Gold: {customer.points}{#else if customer.tier is 'silver'}Silver{#else}Hi{/if}!",
            "Hello {customer.firstName ?: 'friend'}, {customer.homeStore.or('our store')} for {moment}",
            "{#if moment}{moment}{/if} in {customer.homeStore}",
    })
    void acceptsWhatMessagesNeed(String template) {
        String rendered = compiler.compile(template).render(MessageFields.neutral());
        assertTrue(!rendered.isBlank() && !rendered.contains("null"), rendered);
    }

    @Test
    void aMessageThatWouldRenderPastTheLimitIsRefused() {
        // {moment} is 8 characters and renders as 18 ("Birthday in 3 days"): 250 of them fit 2,000 and render 4,500
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> compiler.compile("{moment}".repeat(250)));
        assertTrue(refused.getMessage().contains("over the limit of 2000"), refused.getMessage());
    }

    @Test
    void aRenderingPastTheLimitIsCutOnAWord() {
        MessageCompiler small = new MessageCompiler(Engine.builder().addDefaults().build(), 40);
        var template = small.compile("Hello {customer.firstName}, your offer");
        assertEquals("Hello valued customer, your offer", template.render(MessageFields.neutral()));
        String longName = "Maximiliana Alexandrina Konstantinopolis";
        assertEquals("Hello Maximiliana Alexandrina…", template.render(new MessageFields(Map.of("firstName", longName), "m")));
        String oneWord = "X".repeat(60);
        assertEquals("Hello " + "X".repeat(33) + "…", template.render(new MessageFields(Map.of("firstName", oneWord), "m")));
    }
}
