package dev.ferry.engine.connect;

import dev.ferry.FerryException;
import dev.ferry.engine.DryRunReport;
import dev.ferry.engine.EvidenceReport;
import dev.ferry.engine.ReportDigest;
import dev.ferry.engine.MigrationEngine;
import dev.ferry.engine.OperationReport;
import dev.ferry.engine.OperationRequest;
import dev.ferry.engine.PlanEngine;
import dev.ferry.engine.PreviewReport;
import dev.ferry.engine.RecordComparison;
import dev.ferry.engine.RepairReport;
import dev.ferry.engine.RequestOutcome;
import dev.ferry.engine.RunRequest;
import dev.ferry.engine.RunWatch;
import dev.ferry.engine.RollbackPreview;
import dev.ferry.engine.RollbackReport;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.ValidationReport;
import dev.ferry.plan.MigrationPlan;
import java.util.List;
import java.util.Optional;

/**
 * A connected database's verbs: each plan goes to the engine of its kind that this database runs, and a plan of a
 * kind it does not run is refused with where to go instead ({@link #refuse}).
 */
abstract class DatabaseEngine implements MigrationEngine {

    private final List<PlanEngine<?>> engines;

    DatabaseEngine(List<PlanEngine<?>> engines) {
        this.engines = List.copyOf(engines);
    }

    /** Why this database cannot run {@code plan}, and which database to connect to instead. */
    abstract FerryException refuse(MigrationPlan plan);

    /** The engine for the plan's kind, applied to the plan as its own type. */
    private <R> R on(MigrationPlan plan, Verb<R> verb) {
        for (PlanEngine<?> engine : engines) {
            if (engine.plans().isInstance(plan)) {
                return apply(engine, plan, verb);
            }
        }
        throw refuse(plan);
    }

    private static <P extends MigrationPlan, R> R apply(PlanEngine<P> engine, MigrationPlan plan, Verb<R> verb) {
        return verb.on(engine, engine.plans().cast(plan));
    }

    /** A verb of {@link PlanEngine}, whatever its plan type. */
    private interface Verb<R> {
        <P extends MigrationPlan> R on(PlanEngine<P> engine, P plan);
    }

    @Override
    public PreviewReport preview(MigrationPlan plan, int samples) {
        return on(plan, new Verb<>() {
            public <P extends MigrationPlan> PreviewReport on(PlanEngine<P> e, P p) {
                return e.preview(p, samples);
            }
        });
    }

    @Override
    public DryRunReport dryRun(MigrationPlan plan, RunListener listener) {
        return on(plan, new Verb<>() {
            public <P extends MigrationPlan> DryRunReport on(PlanEngine<P> e, P p) {
                return e.dryRun(p, listener);
            }
        });
    }

    @Override
    public RunReport run(MigrationPlan plan, RunControl control, RunListener listener) {
        return on(plan, new Verb<>() {
            public <P extends MigrationPlan> RunReport on(PlanEngine<P> e, P p) {
                return e.run(p, control, listener);
            }
        });
    }

    @Override
    public java.util.List<dev.ferry.engine.Partition> partitions(MigrationPlan plan, int count) {
        return on(plan, new Verb<>() {
            public <P extends MigrationPlan> java.util.List<dev.ferry.engine.Partition> on(PlanEngine<P> e, P p) {
                return e.partitions(p, count);
            }
        });
    }

    @Override
    public RunReport runPartition(MigrationPlan plan, dev.ferry.engine.Partition partition, RunControl control,
                                  RunListener listener) {
        return on(plan, new Verb<>() {
            public <P extends MigrationPlan> RunReport on(PlanEngine<P> e, P p) {
                return e.runPartition(p, partition, control, listener);
            }
        });
    }

    @Override
    public java.util.List<dev.ferry.engine.Partition> partitionsOf(MigrationPlan plan, String runId) {
        return on(plan, new Verb<>() {
            public <P extends MigrationPlan> java.util.List<dev.ferry.engine.Partition> on(PlanEngine<P> e, P p) {
                return e.partitionsOf(p, runId);
            }
        });
    }

    @Override
    public RollbackReport rollbackPartition(MigrationPlan plan, dev.ferry.engine.Partition partition,
                                            RunListener listener) {
        return on(plan, new Verb<>() {
            public <P extends MigrationPlan> RollbackReport on(PlanEngine<P> e, P p) {
                return e.rollbackPartition(p, partition, listener);
            }
        });
    }

    @Override
    public ValidationReport validate(MigrationPlan plan) {
        return on(plan, new Verb<>() {
            public <P extends MigrationPlan> ValidationReport on(PlanEngine<P> e, P p) {
                return e.validate(p);
            }
        });
    }

    @Override
    public RollbackPreview rollbackPreview(MigrationPlan plan, String runId) {
        return on(plan, new Verb<>() {
            public <P extends MigrationPlan> RollbackPreview on(PlanEngine<P> e, P p) {
                return e.rollbackPreview(p, runId);
            }
        });
    }

    @Override
    public RollbackReport rollback(MigrationPlan plan, String runId, RunListener listener) {
        return on(plan, new Verb<>() {
            public <P extends MigrationPlan> RollbackReport on(PlanEngine<P> e, P p) {
                return e.rollback(p, runId, listener);
            }
        });
    }

    @Override
    public OperationReport operate(MigrationPlan plan, OperationRequest request, RunControl control,
                                   RunListener listener) {
        // a name the kind does not list is refused before any engine touches the database; engines get it as listed
        OperationRequest named = new OperationRequest(plan.kind().operationNamed(request.operation()).name(),
                request.since());
        return on(plan, new Verb<>() {
            public <P extends MigrationPlan> OperationReport on(PlanEngine<P> e, P p) {
                return e.operate(p, named, control, listener);
            }
        });
    }

    @Override
    public Optional<String> confirmation(MigrationPlan plan, String operation) {
        String named = plan.kind().operationNamed(operation).name();
        return on(plan, new Verb<>() {
            public <P extends MigrationPlan> Optional<String> on(PlanEngine<P> e, P p) {
                return e.confirmation(p, named);
            }
        });
    }

    @Override
    public RepairReport repairPreview(MigrationPlan plan, List<String> keys) {
        return on(plan, new Verb<>() {
            public <P extends MigrationPlan> RepairReport on(PlanEngine<P> e, P p) {
                return e.repairPreview(p, keys);
            }
        });
    }

    @Override
    public RunWatch watch(MigrationPlan plan, String runId, RunListener listener) {
        return on(plan, new Verb<>() {
            public <P extends MigrationPlan> RunWatch on(PlanEngine<P> e, P p) {
                return e.watch(p, runId, listener);
            }
        });
    }

    @Override
    public RepairReport repair(MigrationPlan plan, List<String> keys, RunListener listener) {
        return on(plan, new Verb<>() {
            public <P extends MigrationPlan> RepairReport on(PlanEngine<P> e, P p) {
                return e.repair(p, keys, listener);
            }
        });
    }

    @Override
    public RequestOutcome request(MigrationPlan plan, String runId, RunRequest request) {
        return on(plan, new Verb<>() {
            public <P extends MigrationPlan> RequestOutcome on(PlanEngine<P> e, P p) {
                return e.request(p, runId, request);
            }
        });
    }

    @Override
    public EvidenceReport report(MigrationPlan plan, String runId) {
        return on(plan, new Verb<>() {
            public <P extends MigrationPlan> EvidenceReport on(PlanEngine<P> e, P p) {
                return e.report(p, runId);
            }
        });
    }

    @Override
    public Optional<EvidenceReport.Estimate> latestEstimate(MigrationPlan plan) {
        return on(plan, new Verb<>() {
            public <P extends MigrationPlan> Optional<EvidenceReport.Estimate> on(PlanEngine<P> e, P p) {
                return e.latestEstimate(p);
            }
        });
    }

    @Override
    public void reported(MigrationPlan plan, ReportDigest digest) {
        on(plan, new Verb<Void>() {
            public <P extends MigrationPlan> Void on(PlanEngine<P> e, P p) {
                e.reported(p, digest);
                return null;
            }
        });
    }

    @Override
    public Optional<ReportDigest> reportDigest(String sha256) {
        for (PlanEngine<?> engine : engines) {
            Optional<ReportDigest> found = engine.reportDigest(sha256);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    @Override
    public RecordComparison compare(MigrationPlan plan, String sourceKey) {
        return on(plan, new Verb<>() {
            public <P extends MigrationPlan> RecordComparison on(PlanEngine<P> e, P p) {
                return e.compare(p, sourceKey);
            }
        });
    }
}
