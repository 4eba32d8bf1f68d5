package dev.pertinence.common.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** Every tunable of the service, with its default. Override any of them as PERTINENCE_... variables. */
@ConfigMapping(prefix = "pertinence")
public interface PertinenceConfig {

    Model model();

    Decision decision();

    Catalog catalog();

    Recorder recorder();

    Contact contact();

    Learning learning();

    Outcome outcome();

    Identity identity();

    Consent consent();

    Store store();

    Cascade cascade();

    Experiment experiment();

    Log log();

    Http http();

    Json json();

    Database database();

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

    interface Database {
        /**
         * Queries waiting for a PostgreSQL connection at most (the pool has
         * quarkus.datasource.reactive.max-size connections); past it a query fails at once (503 for a write).
         */
        @WithDefault("512")
        int maxWaitQueue();

        /**
         * A query waits at most this long for a connection from the pool; past it, it fails (503
         * for a write, a decision goes on without its profile) instead of waiting Vert.x's 30 s.
         */
        @WithDefault("2s")
        Duration acquireTimeout();

        /**
         * PostgreSQL cancels a statement running longer (lock waits included): the transaction
         * rolls back and a write answers 503. Bulk imports, exports, model builds and experiment
         * results set their own ({@code StatementTimeouts.BULK}). A transaction left idle twice as
         * long is ended by the server.
         */
        @WithDefault("30s")
        Duration statementTimeout();
    }

    interface Http {
        /**
         * Requests served at once (health and metrics excepted); past it a request is answered 503
         * with Retry-After at once instead of queueing behind the others. Little's law: 3,000 req/s
         * at 10 ms is 30 in flight, so the default leaves room for bursts and slow dependencies.
         */
        @WithDefault("256")
        int maxInFlight();

        /**
         * Largest body of a real-time request (POST /v1/decisions, /v1/page-layouts, /v1/store-visits):
         * a few hundred bytes in practice. Past it: 413 before the body is read (Content-Length) or as
         * soon as the streamed count passes it (chunked).
         */
        @WithDefault("64K")
        MemorySize maxDecisionBody();

        /** Largest body of any other JSON request but the bulk ones (an offer is at most about 25 KB). */
        @WithDefault("1M")
        MemorySize maxJsonBody();

        /**
         * Largest body of a bulk JSON request: PUT /v1/offers (10,000 offers), POST /v1/purchases/batch
         * (10,000 lines), POST /v1/outcomes (1,000 outcomes). CSV imports are streamed and keep
         * quarkus.http.limits.max-body-size (200M).
         */
        @WithDefault("32M")
        MemorySize maxBulkBody();

        /**
         * Rows a page may start after (page x size) in a listing that pages by number (GET /v1/offers):
         * PostgreSQL reads and drops every skipped row. Past it: 400 naming page.
         */
        @WithDefault("100000")
        long maxPageOffset();
    }

    /** What the JSON parser accepts before any field is bound: refused as 400 at that point, cheaply. */
    interface Json {
        /** Objects and arrays within one another; the deepest request (a bulk offer's frequency cap) needs 3. */
        @WithDefault("32")
        int maxNestingDepth();

        /** Characters of one string value; the longest field the API takes (an offer's rule) has 4,000. */
        @WithDefault("65536")
        int maxStringLength();

        /** Digits of one number; a long has 19, a double at most 24 characters. */
        @WithDefault("100")
        int maxNumberLength();
    }

    interface Log {
        /** One JSON object a console line (MDC included), for log collectors; true in the prod profile. */
        @WithDefault("false")
        boolean json();
    }

    interface Experiment {
        /** Safety reload of the experiments held in memory, beside the pub/sub announcement. */
        @WithDefault("1m")
        Duration refreshInterval();
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

    /** Contact policy (docs/contact-policy.md). */
    interface Contact {
        /**
         * Contacts per person per channel: {@code pertinence.contact.channel.<channel>.count} and
         * {@code .period}. A channel not listed is capped only by the daily cap.
         */
        Map<String, CapConfig> channel();

        /** Contacts per person per day, every channel together. */
        @WithDefault("30")
        int dailyCount();

        /** Exposures of one offer per person... */
        @WithDefault("3")
        int offerCount();

        /** ...within this period. */
        @WithDefault("P7D")
        Duration offerPeriod();

        /** Refusals of an offer that suppress it... */
        @WithDefault("1")
        int refusalsToSuppress();

        /** Refusals of offers of one category that suppress every offer of the category... */
        @WithDefault("3")
        int categoryRefusals();

        /** ...when they fall within this window... */
        @WithDefault("P30D")
        Duration refusalWindow();

        /** ...for this long after the last of them. */
        @WithDefault("P30D")
        Duration suppressionPeriod();

        /** K: each run of K contacts without any response lowers the caps one level. */
        @WithDefault("5")
        int unansweredContacts();

        /** Caps are multiplied by this at each level. */
        @WithDefault("0.5")
        double pressureReduction();

        /** Levels stop here. */
        @WithDefault("2")
        int maxPressureLevel();

        /** A contact younger than this is not yet counted as unanswered. */
        @WithDefault("P1D")
        Duration responseGrace();

        /** Score lost right after one unanswered exposure of an offer (0..1). */
        @WithDefault("0.5")
        double noveltyPenalty();

        /** That loss halves every this long. */
        @WithDefault("P2D")
        Duration noveltyHalfLife();

        /** A proposed offer not reported shown counts against the caps this long. */
        @WithDefault("PT2M")
        Duration reservationHold();
    }

    interface CapConfig {
        int count();

        Duration period();
    }

    /** Live learning of acceptance per offer and segment. */
    interface Learning {
        /** α of the Beta prior on acceptance. */
        @WithDefault("1")
        double priorAccepts();

        /** β of the Beta prior: α / (α + β) is the rate assumed before any impression (5 %). */
        @WithDefault("19")
        double priorDeclines();

        /**
         * Each replica re-reads every active offer's counters this often, a safety net: outcomes it
         * counts itself apply at once, those other replicas count arrive by pub/sub.
         */
        @WithDefault("5m")
        Duration refreshInterval();
    }

    interface Outcome {
        /**
         * Decisions are recorded in batches: an outcome for a decision this recent that is not in
         * PostgreSQL yet waits for it this long before the answer is 404.
         */
        @WithDefault("2s")
        Duration decisionWait();

        /** Outcomes stored but not yet counted in Redis (a crash, a Redis outage) are counted by a sweep this often. */
        @WithDefault("30s")
        Duration sweepInterval();
    }

    interface Identity {
        /**
         * Digits of the country code that completes a national phone number ("06 12 34 56 78" ->
         * +33612345678). "none": national numbers are refused, only +<country><number> is accepted.
         */
        @WithDefault("33")
        String defaultPhoneCountryCode();
    }

    interface Consent {
        /**
         * Consent channel each decision channel needs for offers:
         * {@code pertinence.consent.channel.<decision channel>=<email|sms|phone|push|in_app|postal|none>}
         * (defaults in application.properties; web needs none).
         */
        Map<String, String> channel();

        /** Offers on a channel the person was never asked about: proposed only if true. */
        @WithDefault("false")
        boolean assumeOffers();

        /** Profiling when the person was never asked: the profile and history are used only if true. */
        @WithDefault("false")
        boolean assumeProfiling();
    }

    interface Store {
        /** Entering the same store again within this time is the same visit: the same coupons, no new ones. */
        @WithDefault("4h")
        Duration visitWindow();
    }

    interface Cascade {
        /** How often steps whose wait is over are looked for (and the next step decided). */
        @WithDefault("30s")
        Duration sweepInterval();
    }
}
