package dev.ferry.store.journal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;

/**
 * {@link Evidence} over one store's list of entries: each record is a BSON document with its kind, the run and plan
 * it is about, when it was made and an id (a repeated write of the same id replaces the entry). A store implements
 * {@link #put} and {@link #find}; what each record holds is {@link EvidenceCodec}'s, the same everywhere.
 */
public abstract class KeptEvidence implements Evidence {

    static final String ESTIMATE = "estimate";
    static final String OUTCOME = "outcome";
    static final String VALIDATION = "validation";
    static final String ROLLBACK = "rollback";
    static final String REPAIR = "repair";
    static final String REPORT = "report";

    /**
     * One entry as a store keeps it.
     *
     * @param id   unique; {@link #put} replaces an entry of the same id
     * @param key  what the entry is looked up by besides its run and plan (a report's digest), else null
     */
    public record Entry(String id, String kind, String runId, String plan, String planHash, String key, Instant at,
                           Document body) {
    }

    /**
     * Which entries {@link #find} returns: of one kind, matching every criterion that is not null, made at or before
     * {@code before} when given, ordered by {@code at} (then id), newest first or oldest first, at most {@code limit}.
     */
    public record Query(String kind, String runId, String plan, String planHash, String key, Instant before,
                           boolean newestFirst, int limit) {
    }

    /** Saves an entry, replacing one with the same id. */
    protected abstract void put(Entry entry);

    protected abstract List<Entry> find(Query query);

    @Override
    public void estimated(EstimateRecord e) {
        put(new Entry(fresh(), ESTIMATE, null, e.plan(), e.planHash(), null, e.at(), EvidenceCodec.estimate(e)));
    }

    @Override
    public Optional<EstimateRecord> latestEstimate(String plan, String planHash, Instant before) {
        return first(new Query(ESTIMATE, null, plan, planHash, null, before, true, 1)).map(EvidenceCodec::estimate);
    }

    @Override
    public void finished(OutcomeRecord o) {
        put(new Entry(OUTCOME + ":" + o.runId(), OUTCOME, o.runId(), o.plan(), o.planHash(), null, o.at(),
                EvidenceCodec.outcome(o)));
    }

    @Override
    public Optional<OutcomeRecord> outcome(String runId) {
        return first(new Query(OUTCOME, runId, null, null, null, null, true, 1)).map(EvidenceCodec::outcome);
    }

    @Override
    public List<OutcomeRecord> outcomes(String plan, int limit) {
        return bodies(new Query(OUTCOME, null, plan, null, null, null, true, limit)).stream()
                .map(EvidenceCodec::outcome).toList();
    }

    @Override
    public void validated(ValidationRecord v) {
        put(new Entry(fresh(), VALIDATION, v.runId(), v.plan(), null, null, v.at(), EvidenceCodec.validation(v)));
    }

    @Override
    public List<ValidationRecord> validations(String runId) {
        return bodies(new Query(VALIDATION, runId, null, null, null, null, false, 1000)).stream()
                .map(EvidenceCodec::validation).toList();
    }

    @Override
    public void rolledBack(RollbackRecord r) {
        put(new Entry(ROLLBACK + ":" + r.runId(), ROLLBACK, r.runId(), r.plan(), null, null, r.at(),
                EvidenceCodec.rollback(r)));
    }

    @Override
    public Optional<RollbackRecord> rollback(String runId) {
        return first(new Query(ROLLBACK, runId, null, null, null, null, true, 1)).map(EvidenceCodec::rollback);
    }

    @Override
    public void repaired(RepairRecord r) {
        put(new Entry(REPAIR + ":" + r.runId() + ":" + r.firstBatch(), REPAIR, r.runId(), r.plan(), null, null,
                r.at(), EvidenceCodec.repair(r)));
    }

    @Override
    public List<RepairRecord> repairs(String runId) {
        return bodies(new Query(REPAIR, runId, null, null, null, null, false, 1000)).stream()
                .map(EvidenceCodec::repair).toList();
    }

    @Override
    public void reported(ReportRecord r) {
        put(new Entry(REPORT + ":" + r.digest(), REPORT, r.runId(), r.plan(), null, r.digest(), r.at(),
                EvidenceCodec.report(r)));
    }

    @Override
    public Optional<ReportRecord> report(String digest) {
        return first(new Query(REPORT, null, null, null, digest, null, true, 1)).map(EvidenceCodec::report);
    }

    @Override
    public List<ReportRecord> reports(String runId) {
        return bodies(new Query(REPORT, runId, null, null, null, null, false, 1000)).stream()
                .map(EvidenceCodec::report).toList();
    }

    private Optional<Document> first(Query q) {
        return bodies(q).stream().findFirst();
    }

    private List<Document> bodies(Query q) {
        return find(q).stream().map(Entry::body).toList();
    }

    private static String fresh() {
        return UUID.randomUUID().toString();
    }
}
