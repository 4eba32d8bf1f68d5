package dev.pertinence.shop.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Coupons: unique codes, issued on entering a store, redeemable once until they expire. */
@ApplicationScoped
public class Coupons {

    /** No 0/O, 1/I/L: read aloud at a till without confusion. 31^10 ≈ 8 × 10^14 codes. */
    private static final char[] ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();
    private static final int LENGTH = 10;

    private static final String COLUMNS = "code, customer_id, store_id, offer_id, decision_id, rank, issued_at, redeemed_at, "
            + "expires_at, amount, message";
    private static final String SINCE = "SELECT " + COLUMNS + """
             FROM coupon
            WHERE customer_id = $1 AND store_id = $2 AND issued_at >= $3 ORDER BY decision_id DESC, rank""";
    private static final String ISSUE = """
            INSERT INTO coupon (code, customer_id, store_id, offer_id, decision_id, rank, issued_at, expires_at, message)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (code) DO NOTHING""";
    /** A coupon whose holder was erased is kept unlinked (it spent its offer's budget) but is no one's to redeem. */
    private static final String ONE = "SELECT " + COLUMNS + " FROM coupon WHERE code = $1 AND customer_id IS NOT NULL";
    /** The coupon, locked until the redemption commits, with its offer's state now (null: the offer is gone). */
    private static final String LOCK = """
            SELECT c.*, o.status AS offer_status, o.valid_until AS offer_valid_until
            FROM coupon c LEFT JOIN offer o ON o.id = c.offer_id WHERE c.code = $1 AND c.customer_id IS NOT NULL
            FOR UPDATE OF c""";
    private static final String REDEEM = "UPDATE coupon SET redeemed_at = $2, amount = $3::text::numeric WHERE code = $1";

    private final Pool pool;
    private final SecureRandom random = new SecureRandom();

    public Coupons(Pool pool) {
        this.pool = pool;
    }

    /**
     * @param expiresAt redeemable before this instant only
     * @param amount    what the customer spent, as the till reported it at the redemption (null: not said)
     * @param message   the offer's message as the customer was shown it when issued (null for coupons issued before V14)
     */
    public record Coupon(String code, String customerId, String storeId, String offerId, UUID decisionId, int rank,
                         Instant issuedAt, Instant redeemedAt, Instant expiresAt, BigDecimal amount, String message) {

        public Coupon redeemed(Instant at, BigDecimal spent) {
            return new Coupon(code, customerId, storeId, offerId, decisionId, rank, issuedAt, at, expiresAt, spent, message);
        }
    }

    /** A coupon as a redemption finds it, locked, with its offer's state: status, and validUntil (null: none). */
    public record Locked(Coupon coupon, boolean offerExists, String offerStatus, Instant offerValidUntil) {
    }

    /** The coupons the customer got at this store since {@code since}: the visit still running, if any (the latest first). */
    public Uni<List<Coupon>> since(SqlConnection connection, String customerId, String storeId, Instant since) {
        return connection.preparedQuery(SINCE).execute(Tuple.of(customerId, storeId, since.atOffset(ZoneOffset.UTC))).map(rows -> {
            List<Coupon> coupons = new ArrayList<>();
            UUID latest = null;
            for (Row row : rows) {
                Coupon coupon = coupon(row);
                if (latest == null) {
                    latest = coupon.decisionId();
                }
                if (coupon.decisionId().equals(latest)) {
                    coupons.add(coupon);
                }
            }
            return coupons;
        });
    }

    /** Issues one coupon with a fresh code (a code already taken is drawn again), keeping the message shown with it. */
    public Uni<Coupon> issue(SqlConnection connection, String customerId, String storeId, String offerId, UUID decisionId, int rank,
                             Instant at, Instant expiresAt, String message) {
        String code = code();
        return connection.preparedQuery(ISSUE).execute(Tuple.of(code, customerId, storeId, offerId, decisionId, rank)
                        .addOffsetDateTime(at.atOffset(ZoneOffset.UTC)).addOffsetDateTime(expiresAt.atOffset(ZoneOffset.UTC))
                        .addString(message))
                .chain(rows -> rows.rowCount() == 1
                        ? Uni.createFrom().item(new Coupon(code, customerId, storeId, offerId, decisionId, rank, at, null,
                                expiresAt, null, message))
                        : issue(connection, customerId, storeId, offerId, decisionId, rank, at, expiresAt, message));
    }

    /** The coupon with this code, or null. */
    public Uni<Coupon> find(String code) {
        return pool.preparedQuery(ONE).execute(Tuple.of(code))
                .map(found -> found.size() == 0 ? null : coupon(found.iterator().next()));
    }

    /** The coupon locked for a redemption in this transaction, with its offer's state; null when there is no such code. */
    public Uni<Locked> lock(SqlConnection connection, String code) {
        return connection.preparedQuery(LOCK).execute(Tuple.of(code)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row row = rows.iterator().next();
            OffsetDateTime until = row.getOffsetDateTime("offer_valid_until");
            String status = row.getString("offer_status");
            return new Locked(coupon(row), status != null, status, until == null ? null : until.toInstant());
        });
    }

    /** Marks a locked coupon redeemed now, with what was spent (null: not said). */
    public Uni<Void> redeem(SqlConnection connection, String code, Instant at, BigDecimal amount) {
        return connection.preparedQuery(REDEEM)
                .execute(Tuple.of(code, at.atOffset(ZoneOffset.UTC), amount == null ? null : amount.toPlainString()))
                .replaceWithVoid();
    }

    String code() {
        char[] code = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            code[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(code);
    }

    private static Coupon coupon(Row row) {
        OffsetDateTime redeemed = row.getOffsetDateTime("redeemed_at");
        return new Coupon(row.getString("code"), row.getString("customer_id"), row.getString("store_id"), row.getString("offer_id"),
                row.getUUID("decision_id"), row.getInteger("rank"), row.getOffsetDateTime("issued_at").toInstant(),
                redeemed == null ? null : redeemed.toInstant(), row.getOffsetDateTime("expires_at").toInstant(),
                row.getBigDecimal("amount"), row.getString("message"));
    }
}
