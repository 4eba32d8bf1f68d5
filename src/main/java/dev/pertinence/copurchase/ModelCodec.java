package dev.pertinence.copurchase;

import dev.pertinence.decision.Neighbour;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The text form of a model in Redis: one hash field per item, one line per neighbour, tab-separated
 * ({@code sku, category, llr, lift, confidence, support, count}). Compact, and parsed without a JSON library
 * on the decision path.
 */
public final class ModelCodec {

    private ModelCodec() {
    }

    public static String encodeNeighbours(List<Neighbour> neighbours) {
        StringBuilder text = new StringBuilder(neighbours.size() * 48);
        for (Neighbour n : neighbours) {
            text.append(clean(n.sku())).append('\t').append(n.category() == null ? "" : clean(n.category())).append('\t')
                    .append(n.llr()).append('\t').append(n.lift()).append('\t').append(n.confidence()).append('\t')
                    .append(n.support()).append('\t').append(n.count()).append('\n');
        }
        return text.toString();
    }

    public static List<Neighbour> decodeNeighbours(String text) {
        List<Neighbour> neighbours = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return neighbours;
        }
        for (String line : text.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length == 7) {
                neighbours.add(new Neighbour(f[0], f[1].isEmpty() ? null : f[1], Double.parseDouble(f[2]),
                        Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]), Long.parseLong(f[6])));
            }
        }
        return neighbours;
    }

    public static String encodeShares(Map<String, Double> shares) {
        StringBuilder text = new StringBuilder(shares.size() * 24);
        shares.forEach((key, share) -> text.append(clean(key)).append('\t').append(share).append('\n'));
        return text.toString();
    }

    public static Map<String, Double> decodeShares(String text) {
        Map<String, Double> shares = new HashMap<>();
        if (text == null || text.isEmpty()) {
            return shares;
        }
        for (String line : text.split("\n")) {
            int tab = line.lastIndexOf('\t');
            if (tab > 0) {
                shares.put(line.substring(0, tab), Double.parseDouble(line.substring(tab + 1)));
            }
        }
        return shares;
    }

    /**
     * The {@code meta} field of a version: what built it, read by operators (the service does not parse it back), and
     * {@code fields}, how many fields the version's hash has when whole ({@link ModelKeys#wholeFields}), which the
     * switch checks ({@link ModelKeys#SWITCH}).
     */
    public static String encodeMeta(String version, Instant builtAt, long baskets, int items, int minSupport, int topK,
                                    long fields) {
        return "{\"version\":\"" + version + "\",\"builtAt\":\"" + builtAt + "\",\"baskets\":" + baskets
                + ",\"items\":" + items + ",\"minSupport\":" + minSupport + ",\"topK\":" + topK + ",\"fields\":" + fields + "}";
    }

    /** SKUs and categories are validated on the way in; this guards the separators regardless. */
    private static String clean(String value) {
        return value.replace('\t', ' ').replace('\n', ' ');
    }
}
