package dev.ferry.engine.split;

import dev.ferry.store.DocumentChecksum;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.ferry.store.journal.Checkpoint;
import dev.ferry.store.journal.RunRecord;

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

    static RunProgress fromRun(RunRecord run, List<String> targets) {
        RunProgress p = fresh(targets);
        Checkpoint c = run.checkpoint();
        p.batch = c.batch();
        p.lastKey = c.lastKey();
        p.processed = c.processed();
        p.quarantined = c.quarantined();
        p.priorElapsedMs = c.elapsedMs();
        p.written.putAll(c.written());
        p.sourceSum = c.sourceSum();
        return p;
    }

    Checkpoint checkpoint(Duration sessionElapsed) {
        return new Checkpoint(batch, lastKey, processed, quarantined, total, new LinkedHashMap<>(written), sourceSum,
                priorElapsedMs + sessionElapsed.toMillis());
    }
}
