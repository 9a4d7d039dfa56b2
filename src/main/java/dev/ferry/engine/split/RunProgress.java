package dev.ferry.engine.split;

import dev.ferry.store.DocumentChecksum;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The counters of a run as checkpointed after each batch. Replaying a batch after a crash starts from the last
 * checkpoint, so counters are saved as absolute values, never incremented in the journal.
 */
final class RunProgress {

    long batch;
    Object lastKey;
    long processed;
    long quarantined;
    long total;
    long priorElapsedMs;
    final Map<String, Long> written = new LinkedHashMap<>();
    DocumentChecksum.Sum sourceSum = DocumentChecksum.Sum.EMPTY;

    static RunProgress fresh(List<String> targets) {
        RunProgress p = new RunProgress();
        targets.forEach(t -> p.written.put(t, 0L));
        return p;
    }

    static RunProgress fromRun(Document run, List<String> targets) {
        RunProgress p = fresh(targets);
        p.batch = number(run.get("batch"));
        p.lastKey = run.get("lastKey");
        p.processed = number(run.get("processed"));
        p.quarantined = number(run.get("quarantined"));
        p.priorElapsedMs = number(run.get("elapsedMs"));
        Document written = run.get("written", Document.class);
        if (written != null) {
            written.forEach((t, n) -> p.written.put(t, number(n)));
        }
        p.sourceSum = DocumentChecksum.Sum.fromDocument(run.get("sourceSum", Document.class));
        return p;
    }

    Document checkpoint(Duration sessionElapsed) {
        return new Document("batch", batch).append("lastKey", lastKey).append("processed", processed)
                .append("quarantined", quarantined).append("total", total)
                .append("written", new Document(new LinkedHashMap<>(written)))
                .append("sourceSum", sourceSum.toDocument())
                .append("elapsedMs", priorElapsedMs + sessionElapsed.toMillis());
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }
}
