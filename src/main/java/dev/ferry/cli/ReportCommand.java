package dev.ferry.cli;

import dev.ferry.engine.MigrationEngine;
import dev.ferry.format.HumanFormat;
import dev.ferry.report.ReportFiles;
import dev.ferry.report.ReportFormat;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry report}: the report of a run (HTML, Markdown or JSON) written to a file whose SHA-256 the run's journal
 * keeps; {@code --verify FILE} says whether a report is one Ferry made, unaltered.
 */
@Command(name = "report", description = "Write the report of a run (default: the plan's latest) as html, md or json:"
        + " plan and rules, databases, timings against the dry run's estimate, batches, quarantine with reasons,"
        + " validations with evidence, checksums, repairs, rollback, audit trail. Its SHA-256 is kept in the journal;"
        + " --verify FILE checks a copy.")
final class ReportCommand extends Verb {

    @Mixin
    DatabaseOptions database;

    @Mixin
    PlanOptions plan;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN_ID", description = "the run (default: the latest)")
    String runId;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "html", description = "html, md or json")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "where to write it (default: "
            + "ferry-report-PLAN-RUN.FORMAT in the current folder)")
    Path out;

    @Option(names = "--verify", paramLabel = "FILE", description = "check that FILE is a report Ferry made from this"
            + " database's journal, unaltered (exit 1 when not)")
    Path verify;

    @Override
    public Integer call() {
        if (verify != null) {
            return verify();
        }
        ReportFormat chosen;
        try {
            chosen = ReportFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new CliUsageException(e.getMessage());
        }
        var loaded = plan.load();
        try (MigrationEngine engine = connect(database)) {
            String run = runId == null ? engine.report(loaded, null).runId() : runId;
            Path file = out != null ? out : Path.of(ReportFiles.fileName(loaded.name(), run, chosen));
            ReportFiles.Written written = ReportFiles.write(engine, loaded, run, chosen, file);
            if (json()) {
                printJson(written.digest());
            } else {
                out().println("Wrote the report of run " + written.digest().runId() + " of " + loaded.name() + " to "
                        + written.file() + " (" + HumanFormat.bytes(written.digest().bytes()) + ")");
                out().println("SHA-256 " + written.digest().digest() + ", kept in the run's journal: ferry report"
                        + " --verify FILE checks a copy.");
            }
            return OK;
        }
    }

    private int verify() {
        try (MigrationEngine engine = connect(database)) {
            ReportFiles.Verification v = ReportFiles.verify(engine, verify);
            if (json()) {
                java.util.Map<String, Object> result = new java.util.LinkedHashMap<>();
                result.put("file", verify.toString());
                result.put("sha256", v.sha256());
                result.put("unaltered", v.unaltered());
                result.put("report", v.made().orElse(null));
                printJson(result);
            } else if (v.unaltered()) {
                var d = v.made().orElseThrow();
                out().println("✓ " + verify + " is the report of run " + d.runId() + " of " + d.plan() + " (" + d.format()
                        + ") that " + d.operator() + " made on " + d.host() + " at " + d.at() + ", unaltered.");
                out().println("  SHA-256 " + v.sha256());
            } else {
                out().println("✗ " + verify + " is not a report Ferry made from this database's journal: it was"
                        + " altered, or made from another database.");
                out().println("  SHA-256 " + v.sha256() + " is not among the digests the journal keeps.");
            }
            return v.unaltered() ? OK : CHECK_FAILED;
        }
    }
}
