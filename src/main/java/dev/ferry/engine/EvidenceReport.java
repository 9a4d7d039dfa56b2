package dev.ferry.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The report of one run: everything the journal holds about it, for a person who was not there. Built by the engine,
 * rendered (HTML, Markdown, JSON) by the front ends' one renderer; holds no credentials.
 *
 * @param rules       the plan's rules in words, one a line ("people.name ← name · upper")
 * @param databases   where it ran, as "role: where" lines, passwords never included
 * @param running     the run's running time over all its sessions (pauses left out)
 * @param estimate    the dry run's estimate the run is compared with; null when it had none
 * @param checksums   per target: before the run, after it (empty when not recorded)
 * @param rollback    the rollback and its verification; null when never rolled back
 * @param audit       who did what, where and when, oldest first
 * @param auditGaps   what the audit trail cannot show for this run, in words
 */
public record EvidenceReport(String runId, String plan, String planFile, String planHash, String planKind,
                             List<String> rules, List<String> databases, String operator, String host, RunState state,
                             String message, Instant startedAt, Instant endedAt, Duration running, long processed,
                             long total, long quarantined, Map<String, Long> written, List<Batch> batches,
                             Quarantine quarantine, Estimate estimate, List<Validation> validations,
                             List<Checksums> checksums, Rollback rollback, List<Repair> repairs, List<Action> audit,
                             List<String> auditGaps, Instant madeAt, String madeBy, String madeOn) {

    public EvidenceReport {
        rules = List.copyOf(rules);
        databases = List.copyOf(databases);
        written = Map.copyOf(written);
        batches = List.copyOf(batches);
        validations = List.copyOf(validations);
        checksums = List.copyOf(checksums);
        repairs = List.copyOf(repairs);
        audit = List.copyOf(audit);
        auditGaps = List.copyOf(auditGaps);
    }

    /** One batch: when it finished, what it read, quarantined and wrote, and its wall time. */
    public record Batch(long number, Instant at, long read, long quarantined, long millis, long written) {
    }

    /**
     * The records that could not be migrated.
     *
     * @param reasons reason to how many records (of the entries read), most frequent first
     * @param sample  the first entries, key and reason
     * @param where   where they are kept, and the query that lists them
     */
    public record Quarantine(long count, Map<String, Long> reasons, List<Entry> sample, String where) {
        public Quarantine {
            reasons = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(reasons));
            sample = List.copyOf(sample);
        }

        public record Entry(String key, String reason) {
        }
    }

    /**
     * The dry run's estimate beside the run.
     *
     * @param factor       the calibration from earlier runs (1: none)
     * @param actual       the run's running time; null while it has not completed
     */
    public record Estimate(Instant at, long sourceRecords, Duration estimated, Duration measured, double factor,
                           int calibratedBy, Duration readAndMap, Duration writes, Duration bookkeeping,
                           Duration actual) {

        /** How far off the estimate was, in percent of it (+17: the run took 17 % longer); NaN without an actual. */
        public double errorPercent() {
            return actual == null || estimated.isZero() ? Double.NaN
                    : 100.0 * (actual.toMillis() - estimated.toMillis()) / estimated.toMillis();
        }
    }

    /** One validation: who, where, when, and its checks with their evidence. */
    public record Validation(Instant at, String operator, String host, List<CheckResult> checks,
                             List<String> notCovered) {
        public Validation {
            checks = List.copyOf(checks);
            notCovered = List.copyOf(notCovered);
        }

        public boolean passed() {
            return !checks.isEmpty() && checks.stream().allMatch(c -> c.status() == CheckResult.CheckStatus.PASSED);
        }
    }

    /** A target's checksum before the run and after it ("" when not recorded). */
    public record Checksums(String target, String before, String after) {
    }

    /** A rollback: who, where, when, what it undid per target, and the lines of its verification. */
    public record Rollback(Instant at, String operator, String host, boolean verified, Map<String, Long> deleted,
                           Map<String, Long> restored, List<String> verification, Duration took) {
        public Rollback {
            deleted = Map.copyOf(deleted);
            restored = Map.copyOf(restored);
            verification = List.copyOf(verification);
        }
    }

    /** A repair: who, where, when, its batches, and each record it repaired or left alone. */
    public record Repair(Instant at, String operator, String host, long firstBatch, long lastBatch,
                         List<RepairReport.Item> records, List<String> askedFor) {
        public Repair {
            records = List.copyOf(records);
            askedFor = List.copyOf(askedFor);
        }
    }

    /** One entry of the audit trail. */
    public record Action(Instant at, String who, String where, String what) {
    }
}
