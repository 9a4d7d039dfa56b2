package dev.ferry.engine;

import java.time.Duration;
import java.util.List;

/**
 * What a repair of a run's targets would do ({@code applied} false: nothing was written) or did: for each source record
 * whose target was missing or differed from what the plan makes of it, whether it was (or would be) repaired, and
 * what the check after the repair found.
 *
 * @param checked     source records compared with their targets
 * @param firstBatch  the run's batch numbers the repair wrote (with undo entries like any batch); 0 when none
 */
public record RepairReport(String runId, String plan, String database, boolean applied, long checked,
                           List<Item> items, long firstBatch, long lastBatch, Duration elapsed) {

    public RepairReport {
        items = List.copyOf(items);
    }

    /** What was found about one target of one source record. */
    public enum Problem {
        MISSING("missing"),
        DIFFERS("differs from what the plan makes of its source"),
        CHANGED_SINCE_RUN("changed by someone else since the run"),
        UNKNOWN_SINCE_RUN("differs, and the run replaced a document that was there before, so whether someone changed"
                + " it since cannot be told"),
        MAPS_WITH_ERRORS("the source record maps with errors now"),
        NO_SOURCE_RECORD("no source record has this key"),
        MATCHES("matches already");

        private final String words;

        Problem(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /**
     * @param key        the source key, as the checks print it
     * @param target     the target collection or table (empty when the problem is the source record's)
     * @param detail     the first difference, or why it is left alone
     * @param repair     true when the repair writes (or wrote) it
     * @param matchesNow after a repair, whether the target now matches what the plan makes of its source; null before
     */
    public record Item(String key, String target, Problem problem, String detail, boolean repair, Boolean matchesNow) {
    }

    public long toRepair() {
        return items.stream().filter(Item::repair).count();
    }

    /** Records left alone: changed by someone else (repaired only when asked for by key), or not repairable. */
    public long left() {
        return items.stream().filter(i -> !i.repair() && i.problem() != Problem.MATCHES).count();
    }

    /** After a repair: targets written that still do not match (0 when the repair held). */
    public long stillMismatched() {
        return items.stream().filter(i -> i.repair() && Boolean.FALSE.equals(i.matchesNow())).count();
    }
}
