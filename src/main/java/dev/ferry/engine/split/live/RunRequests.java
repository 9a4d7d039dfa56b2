package dev.ferry.engine.split.live;

import dev.ferry.FerryException;
import dev.ferry.engine.RequestOutcome;
import dev.ferry.engine.RunRequest;
import dev.ferry.engine.RunState;
import dev.ferry.engine.WorkerStatus;
import dev.ferry.engine.runtime.Identity;
import dev.ferry.format.HumanFormat;
import dev.ferry.store.journal.ControlRequest;
import dev.ferry.store.journal.Journal;
import dev.ferry.store.journal.RunRecord;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes an operator's request to a run into the journal, with who asked and from where, when something will honour
 * it: a pause, cancel or new settings needs the run's worker alive (settings may wait for a paused run's resume); a
 * resume needs a run that stopped. Otherwise it is refused, saying why and what to do instead.
 */
public final class RunRequests {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final Journal journal;

    public RunRequests(Journal journal) {
        this.journal = journal;
    }

    public RequestOutcome request(String plan, String runId, RunRequest request) {
        refuseBadSettings(request);
        Optional<RunRecord> found = runId == null ? journal.runs().latest(plan) : journal.runs().find(runId)
                .filter(r -> r.plan().equals(plan));
        if (found.isEmpty()) {
            return new RequestOutcome(false, runId, runId == null ? "Plan " + plan + " has no run yet: nothing to "
                    + request.describe() + ". Start one with ferry run --plan …."
                    : "There is no run " + runId + " of plan " + plan + " (see ferry history).", null, false);
        }
        RunRecord run = found.get();
        String id = run.runId();
        RunState state = RunState.valueOf(run.state());
        Instant now = Instant.now();
        WorkerStatus worker = WorkerStatuses.latest(journal.workers().ofRun(id), now).orElse(null);
        boolean alive = worker != null ? worker.alive()
                : journal.leases().holder(plan).filter(l -> id.equals(l.runId())).isPresent();
        boolean working = state == RunState.RUNNING && alive;
        String what = request.describe();
        return switch (request.kind()) {
            case RESUME -> {
                if (working) {
                    yield refused(id, "Run " + id + " of " + plan + " is running already (" + who(worker)
                            + "): there is nothing to resume.", worker, false);
                }
                if (!state.resumable()) {
                    yield refused(id, "Run " + id + " of " + plan + " is " + state.label() + ": only a paused,"
                            + " cancelled or interrupted run can be resumed.", worker, false);
                }
                yield record(plan, id, request, "Resume of run " + id + " recorded.", worker, true);
            }
            case PAUSE, CANCEL, SET -> {
                if (working) {
                    yield record(plan, id, request, capital(what) + " asked of run " + id + "; " + who(worker)
                            + " honours it after its current batch.", worker, false);
                }
                if (state == RunState.RUNNING || state == RunState.INTERRUPTED) {
                    yield refused(id, "Run " + id + " of " + plan + " has no live worker: "
                            + (worker == null ? "its process stopped without finishing"
                            : who(worker) + " has not been heard from since " + CLOCK.format(worker.heartbeatAt()))
                            + ", so nothing would " + what + " it. Resume it to start a new worker (ferry resume"
                            + " --plan …, or Resume in the console).", worker, true);
                }
                if (request.kind() == RunRequest.Kind.SET && state.resumable()) {
                    yield record(plan, id, request, "Run " + id + " is " + state.label() + ": " + what
                            + " recorded; its next worker applies it when the run is resumed.", worker, true);
                }
                yield refused(id, "Run " + id + " of " + plan + " is " + state.label() + ": nothing is running, so"
                        + " there is nothing to " + what + "." + (state.resumable()
                        ? " It stays resumable (ferry resume --plan …), or roll it back." : ""), worker,
                        state.resumable());
            }
        };
    }

    private RequestOutcome record(String plan, String runId, RunRequest request, String message, WorkerStatus worker,
                                  boolean resumable) {
        Identity me = Identity.current();
        journal.requests().add(ControlRequest.pending(UUID.randomUUID().toString(), plan, runId,
                ControlRequest.Kind.valueOf(request.kind().name()), request.batchSize(), request.rate(),
                me.operator(), me.host(), Instant.now()));
        return new RequestOutcome(true, runId, message, worker, resumable);
    }

    private static RequestOutcome refused(String runId, String message, WorkerStatus worker, boolean resumable) {
        return new RequestOutcome(false, runId, message, worker, resumable);
    }

    private static String who(WorkerStatus w) {
        return w == null ? "its process" : "its worker (pid " + w.pid() + " on " + w.host() + ")";
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static void refuseBadSettings(RunRequest r) {
        if (r.kind() != RunRequest.Kind.SET) {
            return;
        }
        if (r.batchSize() == null && r.rate() == null) {
            throw FerryException.usage("Nothing to set: give a batch size (--batch-size N) or a rate limit"
                    + " (--rate N records/s, 0 for none).");
        }
        if (r.batchSize() != null && (r.batchSize() < 1 || r.batchSize() > 100_000)) {
            throw FerryException.usage("A batch size is 1 to 100,000 records, not " + r.batchSize() + ".");
        }
        if (r.rate() != null && (r.rate() < 0 || r.rate().isNaN())) {
            throw FerryException.usage("A rate limit is a number of records per second (0 for none), not "
                    + HumanFormat.rate(r.rate()) + ".");
        }
    }
}
