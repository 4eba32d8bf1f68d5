package dev.pertinence.common.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Every tunable of the service, with its default. Override any of them as PERTINENCE_... variables. */
@ConfigMapping(prefix = "pertinence")
public interface PertinenceConfig {

    Model model();

    Decision decision();

    Catalog catalog();

    Recorder recorder();

    interface Model {
        /** Baskets a pair must appear in to make two items neighbours. */
        @WithDefault("3")
        int minSupport();

        /** Neighbours kept per item, best LLR first. */
        @WithDefault("20")
        int topK();

        /** Baskets with more distinct items count for popularity but not for pairs. */
        @WithDefault("100")
        int maxBasketSize();

        /** Purchases older than this are not learnt from. */
        @WithDefault("P730D")
        Duration window();

        /** How long a superseded model version stays readable after the switch (replicas still on it). */
        @WithDefault("PT1H")
        Duration previousVersionTtl();

        /** Quartz cron of the scheduled rebuild; "off" disables it. Read by the scheduler. */
        @WithDefault("0 0 3 * * ?")
        String rebuildCron();

        /** Safety poll of the active model pointer, beside the pub/sub announcement. */
        @WithDefault("30s")
        Duration pointerRefresh();
    }

    interface Decision {
        /** Evidence from a purchase halves every this often. */
        @WithDefault("P30D")
        Duration recencyHalfLife();

        /** Purchases older than this are not evidence for a decision. */
        @WithDefault("P365D")
        Duration historyWindow();

        /** Most recent purchase lines read per decision. */
        @WithDefault("50")
        int historyLines();

        /** Distinct recent SKUs whose neighbours are fetched per decision. */
        @WithDefault("20")
        int evidenceItems();

        /** Weight of item or category popularity in the propensity (0..1). */
        @WithDefault("0.5")
        double popularityWeight();

        /** Propensity floor, so an offer without any signal still ranks by value. */
        @WithDefault("0.01")
        double basePropensity();

        /** Context weight when the cart or the viewed product is in the offer's target category. */
        @WithDefault("1.3")
        double inMarketBoost();

        /** Budget for reading the profile and purchases. */
        @WithDefault("500ms")
        Duration databaseTimeout();

        /** Budget for the Redis batch; past it the decision goes on without the model. */
        @WithDefault("250ms")
        Duration redisTimeout();
    }

    interface Catalog {
        /** Safety reload of the offer catalogue, beside the pub/sub announcement. */
        @WithDefault("5m")
        Duration refreshInterval();
    }

    interface Recorder {
        /** Decisions written per insert. */
        @WithDefault("500")
        int batchSize();

        /** Longest a decision waits in memory before it is written. */
        @WithDefault("200ms")
        Duration flushInterval();

        /** Decisions held in memory at most; beyond it a decision is answered but not recorded (counted). */
        @WithDefault("100000")
        int queueCapacity();
    }
}
