package dev.ferry.store.journal;

import dev.ferry.store.DocumentChecksum;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** The evidence records as BSON documents, the same in every store (a store keeps the document as it is). */
final class EvidenceCodec {

    private EvidenceCodec() {
    }

    static Document estimate(EstimateRecord e) {
        return new Document("plan", e.plan()).append("planHash", e.planHash()).append("at", date(e.at()))
                .append("sourceRecords", e.sourceRecords()).append("batchSize", e.batchSize())
                .append("rawMs", e.rawMs()).append("estimatedMs", e.estimatedMs())
                .append("readAndMapMs", e.readAndMapMs()).append("writesMs", e.writesMs())
                .append("bookkeepingMs", e.bookkeepingMs()).append("factor", e.factor())
                .append("calibratedBy", e.calibratedBy());
    }

    static EstimateRecord estimate(Document d) {
        return d == null ? null : new EstimateRecord(d.getString("plan"), d.getString("planHash"), instant(d, "at"),
                n(d, "sourceRecords"), (int) n(d, "batchSize"), n(d, "rawMs"), n(d, "estimatedMs"),
                n(d, "readAndMapMs"), n(d, "writesMs"), n(d, "bookkeepingMs"), ((Number) d.get("factor")).doubleValue(),
                (int) n(d, "calibratedBy"));
    }

    static Document outcome(OutcomeRecord o) {
        Document after = new Document();
        o.targetsAfter().forEach((t, sum) -> after.append(t, sum.toDocument()));
        return new Document("runId", o.runId()).append("plan", o.plan()).append("planHash", o.planHash())
                .append("at", date(o.at())).append("processed", o.processed()).append("batchSize", o.batchSize())
                .append("actualMs", o.actualMs()).append("estimate", o.estimate() == null ? null
                        : estimate(o.estimate())).append("targetsAfter", after);
    }

    static OutcomeRecord outcome(Document d) {
        Map<String, DocumentChecksum.Sum> after = new LinkedHashMap<>();
        Document sums = d.get("targetsAfter", Document.class);
        if (sums != null) {
            sums.forEach((t, sum) -> after.put(t, DocumentChecksum.Sum.fromDocument((Document) sum)));
        }
        return new OutcomeRecord(d.getString("runId"), d.getString("plan"), d.getString("planHash"), instant(d, "at"),
                n(d, "processed"), (int) n(d, "batchSize"), n(d, "actualMs"),
                estimate(d.get("estimate", Document.class)), after);
    }

    static Document validation(ValidationRecord v) {
        List<Document> checks = new ArrayList<>();
        for (CheckRecord c : v.checks()) {
            checks.add(new Document("name", c.name()).append("method", c.method()).append("status", c.status())
                    .append("checked", c.checked()).append("total", c.total()).append("mismatched", c.mismatched())
                    .append("summary", c.summary()).append("evidence", c.evidence())
                    .append("failingKeys", c.failingKeys()).append("tookMs", c.tookMs()));
        }
        return who(new Document("runId", v.runId()).append("plan", v.plan()), v.at(), v.operator(), v.host())
                .append("checks", checks).append("notCovered", v.notCovered());
    }

    static ValidationRecord validation(Document d) {
        List<CheckRecord> checks = new ArrayList<>();
        for (Document c : d.getList("checks", Document.class, List.of())) {
            checks.add(new CheckRecord(c.getString("name"), c.getString("method"), c.getString("status"),
                    n(c, "checked"), n(c, "total"), n(c, "mismatched"), c.getString("summary"),
                    strings(c, "evidence"), strings(c, "failingKeys"), n(c, "tookMs")));
        }
        return new ValidationRecord(d.getString("runId"), d.getString("plan"), instant(d, "at"),
                d.getString("operator"), d.getString("host"), checks, strings(d, "notCovered"));
    }

    static Document rollback(RollbackRecord r) {
        return who(new Document("runId", r.runId()).append("plan", r.plan()), r.at(), r.operator(), r.host())
                .append("verified", r.verified()).append("deleted", new Document(new LinkedHashMap<>(r.deleted())))
                .append("restored", new Document(new LinkedHashMap<>(r.restored())))
                .append("verification", r.verification()).append("elapsedMs", r.elapsedMs());
    }

    static RollbackRecord rollback(Document d) {
        return new RollbackRecord(d.getString("runId"), d.getString("plan"), instant(d, "at"), d.getString("operator"),
                d.getString("host"), Boolean.TRUE.equals(d.getBoolean("verified")), counts(d, "deleted"),
                counts(d, "restored"), strings(d, "verification"), n(d, "elapsedMs"));
    }

    static Document repair(RepairRecord r) {
        List<Document> records = new ArrayList<>();
        for (RepairRecord.RepairedRecord x : r.records()) {
            records.add(new Document("key", x.key()).append("target", x.target()).append("problem", x.problem())
                    .append("outcome", x.outcome()).append("repaired", x.repaired())
                    .append("matchesNow", x.matchesNow()));
        }
        return who(new Document("runId", r.runId()).append("plan", r.plan()), r.at(), r.operator(), r.host())
                .append("firstBatch", r.firstBatch()).append("lastBatch", r.lastBatch()).append("records", records)
                .append("askedFor", r.askedFor()).append("elapsedMs", r.elapsedMs());
    }

    static RepairRecord repair(Document d) {
        List<RepairRecord.RepairedRecord> records = new ArrayList<>();
        for (Document x : d.getList("records", Document.class, List.of())) {
            records.add(new RepairRecord.RepairedRecord(x.getString("key"), x.getString("target"),
                    x.getString("problem"), x.getString("outcome"), Boolean.TRUE.equals(x.getBoolean("repaired")),
                    Boolean.TRUE.equals(x.getBoolean("matchesNow"))));
        }
        return new RepairRecord(d.getString("runId"), d.getString("plan"), instant(d, "at"), d.getString("operator"),
                d.getString("host"), n(d, "firstBatch"), n(d, "lastBatch"), records, strings(d, "askedFor"),
                n(d, "elapsedMs"));
    }

    static Document report(ReportRecord r) {
        return who(new Document("runId", r.runId()).append("plan", r.plan()), r.at(), r.operator(), r.host())
                .append("digest", r.digest()).append("format", r.format()).append("bytes", r.bytes());
    }

    static ReportRecord report(Document d) {
        return new ReportRecord(d.getString("runId"), d.getString("plan"), d.getString("digest"),
                d.getString("format"), instant(d, "at"), d.getString("operator"), d.getString("host"), n(d, "bytes"));
    }

    private static Document who(Document d, Instant at, String operator, String host) {
        return d.append("at", date(at)).append("operator", operator).append("host", host);
    }

    private static Date date(Instant at) {
        return at == null ? null : Date.from(at);
    }

    static Instant instant(Document d, String field) {
        Date at = d.getDate(field);
        return at == null ? null : at.toInstant();
    }

    private static long n(Document d, String field) {
        Object v = d.get(field);
        return v == null ? 0 : ((Number) v).longValue();
    }

    private static List<String> strings(Document d, String field) {
        return d.getList(field, String.class, List.of());
    }

    private static Map<String, Long> counts(Document d, String field) {
        Map<String, Long> out = new LinkedHashMap<>();
        Document counts = d.get(field, Document.class);
        if (counts != null) {
            counts.forEach((k, v) -> out.put(k, ((Number) v).longValue()));
        }
        return out;
    }
}
