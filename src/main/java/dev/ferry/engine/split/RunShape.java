package dev.ferry.engine.split;

import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.RunState;
import dev.ferry.engine.split.stores.PlanStores;
import dev.ferry.plan.Plan;
import dev.ferry.plan.TargetSpec;
import dev.ferry.store.TargetPressure;
import dev.ferry.store.journal.Journal;
import dev.ferry.store.mongo.MongoPressure;
import dev.ferry.store.postgres.PostgresPressure;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a plan's run is carried out: in how many key ranges (an unfinished run keeps the shape it started with), and
 * with what throttle on its target's pressure.
 */
final class RunShape {

    private static final Logger LOG = LoggerFactory.getLogger(RunShape.class);

    private RunShape() {
    }

    /** The partitions of the plan's unfinished run if it has any, 1 for an unfinished run in one piece, else the plan's. */
    static int partitions(Journal journal, Plan plan) {
        return journal.runs().latest(plan.name()).filter(r -> RunState.valueOf(r.state()).resumable())
                .map(r -> {
                    int recorded = journal.partitions().of(r.runId()).size();
                    if (recorded == 0 && plan.batch().partitions() > 1) {
                        LOG.info("run {} of {} started in one piece: it resumes so, not in {} partitions", r.runId(),
                                plan.name(), plan.batch().partitions());
                    }
                    return Math.max(1, recorded);
                })
                .orElse(plan.batch().partitions());
    }

    /**
     * The throttle the plan asks for, watching the database of its targets (a table target: its PostgreSQL database;
     * else MongoDB). Each change is an event and the run's message in the journal, so every screen shows it.
     */
    static Throttle throttle(PlanStores stores, Plan plan, RunListener listener) {
        if (!plan.guardrails().throttle().watches()) {
            return Throttle.none();
        }
        boolean tables = plan.targets().stream().anyMatch(TargetSpec::isTable);
        TargetPressure target = tables ? new PostgresPressure(stores.postgresOrNull())
                : new MongoPressure(stores.mongoOrNull());
        Journal journal = stores.journal();
        Throttle[] self = new Throttle[1];
        self[0] = new Throttle(plan.guardrails().throttle(), target, (runId, message) -> {
            if (runId != null) {
                journal.runs().note(runId, message);
            }
            listener.on(new RunEvent.Throttled(Instant.now(), runId, message, self[0].delay()));
        });
        return self[0];
    }
}
