package dev.ferry.engine.split.live;

import dev.ferry.engine.WorkerStatus;
import dev.ferry.store.journal.WorkerRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Worker records as the engine API shows them, alive or gone by their last heartbeat. */
public final class WorkerStatuses {

    private WorkerStatuses() {
    }

    public static WorkerStatus of(WorkerRecord w, Instant now) {
        boolean alive = w.endedAt() == null && w.heartbeatAt() != null
                && !w.heartbeatAt().plus(WorkerStatus.GONE_AFTER).isBefore(now);
        return new WorkerStatus(w.verb(), w.host(), w.pid(), w.operator(), w.log(), w.startedAt(), w.heartbeatAt(),
                w.endedAt(), w.outcome(), alive);
    }

    /** The worker to show for a run: a live one if any, else the most recently started. */
    public static Optional<WorkerStatus> latest(List<WorkerRecord> workers, Instant now) {
        List<WorkerStatus> all = workers.stream().map(w -> of(w, now)).toList();
        return all.stream().filter(WorkerStatus::alive).findFirst().or(() -> all.stream().findFirst());
    }
}
