package dev.pertinence.common.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Every tunable of the service, with its default. Override any of them as PERTINENCE_... variables. */
@ConfigMapping(prefix = "pertinence")
public interface PertinenceConfig {

    Model model();

    Decision decision();

    Catalog catalog();

    Rules rules();

    Messages messages();

    Recorder recorder();

    Decisions decisions();

    Contact contact();

    Learning learning();

    Outcome outcome();

    Identity identity();

    Consent consent();

    Store store();

    Cascade cascade();

    Experiment experiment();

    Privacy privacy();

    Log log();

    Http http();

    Json json();

    Database database();

    Token token();

    Redis redis();

    WarmUp warmUp();

    OfferBudgets budget();

    Evaluation evaluation();

    Simulation simulation();
    Estimates estimates();
    Console console();

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

        /**
         * Purchase lines (about 100 bytes each; a person's profile and consents count as 16 more) each replica keeps
         * of the inputs it last read per person, served again while PostgreSQL says, in the same single call, that
         * the person did not change (migration V25, DecisionInputsReader): 400,000 is about 40 MB, 6,000 people with
         * 50 lines or 25,000 with none; 0 reads everything every time.
         */
        @WithDefault("400000")
        int inputsCopyLines();

        /** A kept copy is read again after this long whatever happened (purchase lines leave the history window). */
        @WithDefault("1m")
        Duration inputsCopyTtl();

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

        /**
         * A screen refreshed within this long gets the same decision back, reserving nothing again: the agent
         * card, and {@code POST /v1/decisions} with {@code reuseRecent} (docs/callers.md). As long as a
         * reservation is held ({@code pertinence.contact.reservation-hold}); 0 turns reuse off.
         */
        @WithDefault("2m")
        Duration refreshWindow();

        /**
         * An exploring strategy's decision records the probability it would have shown each offer it shows,
         * estimated from this many seeded Thompson-sampling rankings (docs/evaluation.md, off-policy estimates).
         */
        @WithDefault("100")
        int propensityDraws();

        /** At most this many offers (those that could enter the top n) are drawn for those rankings. */
        @WithDefault("32")
        int propensityPool();
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
         * Decision requests (decisions, page layouts, agent cards) served at once; past it one is
         * answered 503 with Retry-After at once instead of queueing behind the others. Little's law:
         * 3,000 req/s at 10 ms is 30 in flight, so the default leaves room for bursts and slow dependencies.
         */
        @WithDefault("256")
        int maxInFlight();

        /**
         * Request headers larger than this in all (names and values) are answered 431 problem+json
         * before anything else reads them: room for an identity provider's token with many groups
         * (a few KB) and a gateway's headers, not for a 15 KB token. Vert.x's own decoder, which can
         * only answer 431 without a body, is set to 64K (quarkus.http.limits.max-header-size) so
         * this limit is the one callers meet.
         */
        @WithDefault("12288")
        int maxHeaderBytes();

        /**
         * Swagger UI at /q/swagger-ui; off in production (the prod profile), where the contract is
         * read from openapi.yaml or /q/openapi. Applied through quarkus.swagger-ui.enabled.
         */
        @WithDefault("true")
        boolean swaggerUi();

        /**
         * Every other API request (outcomes, writes, imports, reads of the data) served at once, in a
         * limit of its own: writes stuck on a slow store are refused past it and never take a
         * decision's place. Health and metrics are never counted.
         */
        @WithDefault("128")
        int maxInFlightOther();

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

    /**
     * Bearer tokens beyond their signature, issuer and audience (mp.jwt.verify.*): how much their
     * times may be off (docs/security.md).
     */
    interface Token {
        /**
         * Clocks of the identity provider and of the service may differ by this much: a token is
         * accepted this long past its exp, before its nbf, with an iat this far ahead. MicroProfile's
         * default (60 s) kept expired tokens working for a minute.
         */
        @WithDefault("5s")
        Duration clockSkew();

        /**
         * A token living longer than this (exp - iat) is refused: a stolen token must not be a key for
         * years. Identity providers issue access tokens for minutes to hours; dev/token.sh signs 8 hours.
         */
        @WithDefault("PT12H")
        Duration maxLifetime();
    }

    /**
     * Time budgets of the Redis calls outside a decision (a decision's own is
     * {@code pertinence.decision.redis-timeout}). The reactive Redis client has no timeout of its own
     * ({@code quarkus.redis.timeout} bounds the blocking API only): a frozen Redis would hold every
     * call for as long as it is frozen.
     */
    interface Redis {
        /**
         * One Redis step of a request: an outcome's counters (past it the outcome is answered, stored in
         * PostgreSQL, and the sweep applies its counters), a change announcement (the other replicas
         * reload on their refresh interval), a merge's or an erasure's contact state and the model
         * reads of the neighbours endpoint (503 past it).
         */
        @WithDefault("500ms")
        Duration commandTimeout();

        /**
         * One Redis step of background work: a batch of the outcome sweep, of the learned counters'
         * reload, of a model write, of a rebuild after Redis lost its data.
         */
        @WithDefault("10s")
        Duration backgroundTimeout();

        /**
         * How often each replica looks for the generation key written after the last rebuild: its
         * absence means Redis lost its data (a restart without persistence, a FLUSHALL), and the
         * state derived from PostgreSQL (contact state, learned counters, the co-purchase model) is
         * rebuilt once, by one replica. Until then, decisions treat contact caps as uncheckable.
         */
        @WithDefault("1s")
        Duration generationCheck();

        /** A rebuild takes at most this long; its lock (one replica rebuilds) expires with it. */
        @WithDefault("10m")
        Duration rebuildTimeout();

        /**
         * Start-up waits this long for a rebuild it found necessary (or another replica's) before
         * going on; the rebuild continues in the background.
         */
        @WithDefault("30s")
        Duration rebuildWaitAtStart();
    }

    /**
     * Before reporting ready, a replica rehearses decisions (no record, no reservation, no metric)
     * so that the JIT has compiled the decision path: a cold JVM flagged 571 of its first 2,000
     * decisions degraded, budgets exceeded while compiling, both stores healthy.
     */
    interface WarmUp {
        /**
         * Rehearsed decisions, spread over every channel and placement of the catalogue; 0 turns the
         * warm-up off. 5,000 took 2.6-4.2 s on two shared cores (docs/resilience.md).
         */
        @WithDefault("5000")
        int decisions();

        /**
         * Rehearsals in flight at once: as many as the pools' connections (16 PostgreSQL, 16 Redis), so
         * that the pools are open before traffic arrives.
         */
        @WithDefault("16")
        int concurrency();

        /**
         * Longest the warm-up may keep the replica unready (a broken store makes every rehearsal wait
         * its budget): past it the replica reports ready anyway, and degraded decisions say why.
         */
        @WithDefault("60s")
        Duration timeout();

        /**
         * After start-up, for this long, a decision's store budgets (pertinence.decision.redis-timeout,
         * database-timeout) are at least grace-budget: the JIT is still compiling what the warm-up does
         * not reach (the HTTP layer, tokens, reservations, inserts) and a healthy store's answer waits on
         * our CPU; without it a restart at 200 decisions/s flagged 127 of its first 2,000 degraded.
         */
        @WithDefault("60s")
        Duration grace();

        /** The least budget of a decision's store call during the grace. */
        @WithDefault("1s")
        Duration graceBudget();
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

        /**
         * People each arm needs before any uplift is called significant (results say "not enough
         * people yet" until then); an experiment's declared minimum detectable effect may ask for more.
         */
        @WithDefault("100")
        long minPeoplePerArm();
    }

    /** Bounds on eligibility rules (docs/rules.md). */
    interface Rules {
        /**
         * A rule whose worst-case cost exceeds this many evaluation steps is refused when saved
         * (15-100 ns a step measured here: 20,000 steps, at most about 2 ms).
         */
        @WithDefault("20000")
        long maxCost();

        /** Steps one evaluation of a rule may take; past it the rule is an error for that decision (RULE_ERROR). */
        @WithDefault("20000")
        long maxSteps();

        /**
         * Worst-case steps one decision may spend on all its rules together (each counted by its cost before it
         * runs); past it, a rule that does not fit in what is left is not evaluated and its offer is dropped
         * (RULE_ERROR). 2,000,000: about 30 ms at the 15 ns a step measured here; 100 rules at the largest cost
         * allowed, 2,800 history walks of 705 steps, 37,000 segment checks of 54.
         */
        @WithDefault("2000000")
        long decisionBudget();

        /**
         * Who evaluates a rule: {@code direct} (Java nodes over the checked rule for the part of CEL rules are written
         * in, CEL's interpreter for the rest; the same verdicts at a fraction of the cost) or {@code cel} (CEL's
         * interpreter for every rule: the way back should a verdict ever differ; docs/rules.md).
         */
        @WithDefault("direct")
        Evaluator evaluator();

        enum Evaluator { DIRECT, CEL }
    }

    /** Bounds on offer messages (docs/messages.md). */
    interface Messages {
        /**
         * The longest a rendered message may be (a template is at most 2,000 characters, a plain message renders as
         * itself); a longer rendering is refused when saved and cut on a word when rendered.
         */
        @WithDefault("2000")
        int maxRenderedLength();
    }

    /** docs/privacy.md, docs/security.md. */
    interface Privacy {
        /**
         * The secret that keys a person's pseudonym in an experiment (HMAC-SHA-256, at least 32
         * characters; e.g. {@code openssl rand -base64 32}): without it, the pseudonym stored with a
         * decision could be recomputed from the person's email or id. No default: production refuses
         * to start without one (KeyCheck), dev and test use a fixed development key. Changing it
         * while an experiment runs counts its people twice (their old and new pseudonyms).
         */
        Optional<String> pseudonymKey();
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

    /** Recorded decisions: their audit and its retention (docs/privacy.md#retention). */
    interface Decisions {
        /**
         * A decision's answer (context, messages, reasons, factors) is kept this long for
         * {@code GET /v1/decisions/{id}}; then a decision an outcome, an exposure or an experiment
         * refers to keeps only what attributes them (ids, ranks, scores, segment, arm), and any
         * other is deleted. Keep it longer than the longest contact-cap period: a contact-state
         * rebuild reads the reservations of decisions within it.
         */
        @WithDefault("P90D")
        Duration retention();

        /** How often each replica purges decisions past the retention. */
        @WithDefault("1m")
        Duration purgeInterval();

        /** Decisions purged per statement (one short transaction each). */
        @WithDefault("5000")
        int purgeBatch();

        /**
         * Batches per purge run at most: bounded work, 100,000 decisions a minute (1,667/s) with
         * the defaults, above the decision rate a replica sustains; a backlog takes several runs.
         */
        @WithDefault("20")
        int purgeBatchesPerRun();
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

        /**
         * At most this many page sections' learned counts ({@code page/<page>/<section>}, from their
         * clicks) a replica holds and re-reads with the offers' (pages and sections are named by callers:
         * bounded). Past it a section's outcomes are still counted in Redis, not held by this replica.
         */
        @WithDefault("10000")
        int pageSections();

        /**
         * A page section's counters in Redis expire this long after its last outcome (pages and sections
         * are named by callers: one no longer shown does not stay forever). Offers' counters do not expire.
         */
        @WithDefault("P90D")
        Duration pageSectionMemory();
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

        /**
         * Longest period an offer's performance covers in one request (from .. to); without from, the
         * period starts this long before to. Bounds the daily series to as many days.
         */
        @WithDefault("366d")
        Duration performanceMaxSpan();
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

        /**
         * A coupon is redeemable this long after its issue, and never after its offer's validUntil;
         * past it a redemption is refused (409, saying when it expired).
         */
        @WithDefault("30d")
        Duration couponLifetime();
    }

    interface Cascade {
        /** How often steps whose wait is over are looked for (and the next step decided). */
        @WithDefault("30s")
        Duration sweepInterval();
    }

    /** Volume budgets of offers: "1,000 coupons", "at most 5,000 impressions a week" (docs/budgets.md). */
    interface OfferBudgets {
        /**
         * Even pacing lets a budget's spending run this far ahead of count × elapsed / period, so the
         * first decisions of a period are not refused and small budgets still move.
         */
        @WithDefault("5")
        int pacingBurst();

        /** A budget reserved by a decision and not confirmed (shown, accepted, coupon issued) is given back after this. */
        @WithDefault("PT2M")
        Duration reservationHold();

        /** Spending confirmed for a decision is remembered this long, so an outcome applied twice is counted once. */
        @WithDefault("P1D")
        Duration confirmationMemory();
    }

    /** Offline evaluations: replays of the purchase history through the decision core (docs/evaluation.md). */
    interface Evaluation {
        /**
         * Whether this replica accepts new evaluations; off, it answers 503 (reading jobs still works).
         * An evaluation takes up to one core of its replica: turn it off on replicas serving decisions.
         */
        @WithDefault("true")
        boolean enabled();

        /** Largest k (offers scored per case) an evaluation may ask for; beyond it 400. */
        @WithDefault("50")
        int maxK();

        /**
         * Most customers (time split) or held-out baskets (basket completion) one run replays; a
         * larger sample is refused (400); without one, a seeded sample of this many is taken.
         */
        @WithDefault("10000")
        int maxCases();

        /** With candidates=products: the most popular products of the training data stand as offers, at most this many. */
        @WithDefault("5000")
        int maxProductCandidates();

        /**
         * How often a running evaluation writes its progress, and how often the replica holding a
         * queued or running evaluation beats its heartbeat, whatever the run is doing.
         */
        @WithDefault("2s")
        Duration progressInterval();

        /**
         * A queued or running evaluation whose heartbeat is older than this was abandoned (its replica
         * stopped): it is marked failed, and another may start.
         */
        @WithDefault("1m")
        Duration abandonedAfter();
    }

    interface Simulation {
        /**
         * Whether this replica accepts new simulations (as well as pertinence.evaluation.enabled: off
         * either way, it answers 503; reading jobs still works). A simulation gathers each person's
         * inputs as a decision does, on one worker thread: turn it off on replicas serving decisions.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * Most people one simulation decides; a larger sample is refused (400); without one, a
         * population larger than this is sampled (seeded) down to it.
         */
        @WithDefault("10000")
        int maxPeople();

        /** Most channel × placement pairs one simulation decides each person on; beyond it 400. */
        @WithDefault("12")
        int maxPlacements();

        /** People whose inputs are gathered concurrently (PostgreSQL and Redis reads in flight at once). */
        @WithDefault("8")
        int concurrency();

        /**
         * Longest a simulation runs: past it, it stops at its next person and ends failed, its error
         * saying how many people it decided (ask for a smaller sample or fewer placements). One runs
         * at a time, so this is also the longest one can hold up the next.
         */
        @WithDefault("PT10M")
        Duration maxDuration();
    }

    /** Off-policy estimates from logged decisions (POST /v1/estimates, docs/evaluation.md). Off with evaluations. */
    interface Estimates {
        /** The longest time range of logged decisions one estimate reads; beyond it 400. */
        @WithDefault("P31D")
        Duration maxRange();

        /** Most logged decisions one estimate replays (the newest of the range when there are more). */
        @WithDefault("20000")
        int maxDecisions();

        /** Below this effective sample size (Kish) an estimate carries a warning. */
        @WithDefault("100")
        int minEffectiveSample();
    }

    /** The console at /console (docs/console.md). */
    interface Console {
        /**
         * Lifetime of a token the development sign-in signs (dev and test mode, development key only;
         * 404 otherwise): short, as an identity provider's access tokens are; at most pertinence.token.max-lifetime.
         */
        @WithDefault("PT1H")
        Duration devTokenLifetime();

        /** The private half of the development key pair, which the development sign-in signs with. */
        @WithDefault("dev/jwt/privateKey.pem")
        String devPrivateKey();
    }
}
