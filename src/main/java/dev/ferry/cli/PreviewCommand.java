package dev.ferry.cli;

import dev.ferry.engine.MigrationEngine;
import dev.ferry.engine.PreviewReport;
import dev.ferry.transform.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry preview}: a few source documents beside the target documents the plan makes of them. Reads only. */
@Command(name = "preview", description = "Show N source documents beside the target documents the plan produces, "
        + "with the per-field transform errors. Writes nothing.")
final class PreviewCommand extends Verb {

    @Mixin
    DatabaseOptions database;

    @Mixin
    PlanOptions plan;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "3",
            description = "source documents to show (default: ${DEFAULT-VALUE})")
    int samples;

    @Override
    public Integer call() {
        if (samples < 1) {
            throw new CliUsageException("--samples must be at least 1, was " + samples + ".");
        }
        var loaded = plan.load();
        try (MigrationEngine ferry = connect(database)) {
            PreviewReport report = ferry.preview(loaded, samples);
            if (json()) {
                printJson(report);
            } else {
                print(report);
            }
        }
        return OK;
    }

    private void print(PreviewReport report) {
        int width = SideBySide.width(terminal());
        int n = 0;
        for (PreviewReport.Sample sample : report.samples()) {
            n++;
            out().println("── " + report.plan() + " · sample " + n + " of " + report.samples().size() + " · source key "
                    + key(sample.mapped().sourceKey()) + " " + "─".repeat(8));
            List<String> targets = new ArrayList<>();
            for (Map.Entry<String, Document> t : sample.mapped().targets().entrySet()) {
                targets.add("→ " + t.getKey());
                targets.addAll(JsonOutput.document(t.getValue(), true).lines().toList());
            }
            sample.mapped().fanned().forEach((target, docs) -> {
                targets.add("→ " + target + " (" + docs.size() + (docs.size() == 1 ? " record" : " records")
                        + ", one per element)");
                docs.forEach(d -> targets.addAll(JsonOutput.document(d, true).lines().toList()));
            });
            List<String> source = new ArrayList<>();
            source.add("source");
            source.addAll(JsonOutput.document(sample.source(), true).lines().toList());
            SideBySide.print(out(), source, targets, width);
            for (FieldError error : sample.mapped().errors()) {
                out().println("✗ " + error);
            }
            if (!sample.mapped().ok()) {
                out().println("  This record would be quarantined: a record with any field error is not written.");
            }
            out().println();
        }
        report.warnings().forEach(w -> out().println("⚠ " + w));
    }

    private static String key(Object key) {
        return key instanceof org.bson.types.ObjectId id ? id.toHexString() : String.valueOf(key);
    }
}
