package dev.ferry.engine.split;

import dev.ferry.engine.RepairReport.Problem;
import dev.ferry.engine.split.TargetMismatches.Mismatch;
import dev.ferry.store.SourceKeys;
import dev.ferry.store.TargetWriter;
import dev.ferry.store.journal.UndoEntry;
import dev.ferry.store.journal.UndoLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a run last wrote to the targets that now differ, from its undo log: a record it inserted carries the content
 * hash of what was written, so the target can say whether it still holds exactly that (the source changed since) or
 * not (someone changed the target). A record the run replaced, or never wrote (it was identical already), has no such
 * hash: whether someone changed it since cannot be told.
 */
final class WrittenByTheRun {

    enum Since { UNCHANGED, CHANGED, UNKNOWN }

    /** What the run last wrote to a key: the key as written, and its hash (null where it replaced a record). */
    private record Written(Object key, Integer hash) { }

    /** Target to key identity to what the run last wrote there. */
    private final Map<String, Map<Object, Written>> lastWritten = new HashMap<>();
    private final Map<String, Set<Object>> unchanged = new HashMap<>();

    WrittenByTheRun(UndoLog undo, String runId, List<Mismatch> mismatches) {
        Map<String, Set<Object>> wanted = new HashMap<>();
        int count = 0;
        for (Mismatch m : mismatches) {
            if (m.problem() == Problem.DIFFERS) {
                count += wanted.computeIfAbsent(m.target(), t -> new HashSet<>())
                        .add(SourceKeys.identity(m.targetId())) ? 1 : 0;
            }
        }
        if (count == 0) {
            return;
        }
        int resolved = 0;
        for (UndoEntry e : undo.newestFirst(runId)) { // the newest write of a key is what the target got last
            Set<Object> want = wanted.get(e.target());
            if (want == null || e.undone()) {
                continue;
            }
            Map<Object, Written> known = lastWritten.computeIfAbsent(e.target(), t -> new HashMap<>());
            for (int i = 0; i < e.inserted().size(); i++) {
                Object id = SourceKeys.identity(e.inserted().get(i));
                if (want.contains(id) && !known.containsKey(id)) {
                    known.put(id, new Written(e.inserted().get(i), i < e.insertedHashes().size()
                            ? e.insertedHashes().get(i) : null));
                    resolved++;
                }
            }
            for (Object key : e.replaced()) {
                Object id = SourceKeys.identity(key);
                if (want.contains(id) && !known.containsKey(id)) {
                    known.put(id, new Written(key, null));
                    resolved++;
                }
            }
            if (resolved == count) {
                break;
            }
        }
    }

    /** Whether a differing target still holds what the run wrote there (asked of the target once per target). */
    Since since(Mismatch m, TargetWriter writer) {
        if (m.problem() != Problem.DIFFERS) {
            return Since.UNKNOWN;
        }
        Object id = SourceKeys.identity(m.targetId());
        Written written = lastWritten.getOrDefault(m.target(), Map.of()).get(id);
        if (written == null || written.hash() == null) {
            return Since.UNKNOWN;
        }
        Set<Object> same = unchanged.computeIfAbsent(m.target(), t -> {
            List<Object> keys = new ArrayList<>();
            List<Integer> hashes = new ArrayList<>();
            lastWritten.get(t).values().forEach(w -> {
                if (w.hash() != null) {
                    keys.add(w.key());
                    hashes.add(w.hash());
                }
            });
            return writer.unchangedSince(keys, hashes);
        });
        return same.contains(id) ? Since.UNCHANGED : Since.CHANGED;
    }
}
