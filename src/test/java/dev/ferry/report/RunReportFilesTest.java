package dev.ferry.report;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import dev.ferry.demo.DemoDatabase;
import dev.ferry.engine.EvidenceReport;
import dev.ferry.engine.MigrationEngine;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.engine.connect.Engines;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.MigrationPlans;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports of a completed (validated, repaired), a paused and a rolled-back run of runbook 000's plan on the demo:
 * what each says, the same facts in HTML, Markdown and JSON, and a copy checked by its digest (an altered one fails).
 * The HTML files are also left in target/report-samples to be looked at.
 */
class RunReportFilesTest {

    private static final Path SAMPLES = Path.of("target", "report-samples");

    @TempDir
    Path dir;

    private DemoDatabase demo;
    private MongoClient client;
    private MigrationEngine engine;
    private MigrationPlan plan;

    @BeforeEach
    void start() {
        demo = DemoDatabase.start(0);
        demo.seed(1_500, 42);
        client = MongoClients.create(demo.connectionString());
        engine = Engines.connect(demo.connectionString());
        plan = MigrationPlans.load(Path.of("plans/user-data-split.yaml")).withBatchSize(250);
    }

    @AfterEach
    void stop() {
        engine.close();
        client.close();
        demo.close();
    }

    @Test
    void aCompletedRunsReportHoldsItsEvidenceInEveryFormatAndAnAlteredCopyFailsTheCheck() throws Exception {
        engine.dryRun(plan, RunListener.NONE);
        RunReport run = engine.run(plan, new RunControl(), RunListener.NONE);
        MongoCollection<Document> metadata = client.getDatabase(DemoDatabase.DATABASE).getCollection("dataset_metadata");
        Document lost = metadata.find().first();
        metadata.deleteOne(eq("_id", lost.get("_id")));
        assertThat(engine.validate(plan).passed()).isFalse();
        engine.repair(plan, List.of(), RunListener.NONE);
        assertThat(engine.validate(plan).passed()).isTrue();

        EvidenceReport r = engine.report(plan, null);
        assertThat(r.runId()).isEqualTo(run.runId());
        assertThat(r.state()).isEqualTo(RunState.COMPLETED);
        assertThat(r.batches()).hasSize(7); // 6 of the run, 1 of the repair
        assertThat(r.quarantine().count()).isEqualTo(run.quarantined()).isPositive();
        assertThat(r.quarantine().reasons().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(run.quarantined());
        assertThat(r.estimate()).isNotNull();
        assertThat(r.estimate().actual()).isNotNull();
        assertThat(r.validations()).hasSize(2);
        assertThat(r.repairs()).singleElement().satisfies(rep -> assertThat(rep.records()).singleElement()
                .satisfies(i -> assertThat(i.matchesNow()).isTrue()));
        assertThat(r.checksums()).allSatisfy(c -> assertThat(c.after()).contains("checksum"));
        assertThat(r.audit()).extracting(EvidenceReport.Action::what).anyMatch(w -> w.startsWith("started run"))
                .anyMatch(w -> w.startsWith("validated: ")).anyMatch(w -> w.startsWith("repaired 1 targets"));

        ReportFiles.Written html = ReportFiles.write(engine, plan, null, ReportFormat.HTML, dir.resolve("r.html"));
        String page = Files.readString(html.file());
        assertThat(page).startsWith("<!DOCTYPE html>").contains("Run " + run.runId() + " of split-user-data")
                .contains("Completed and validated, with " + String.format("%,d", run.quarantined()))
                .contains("estimated ").contains(", took ").contains("<svg").contains("Quarantine")
                .contains("Audit trail").contains("Repairs").contains("checksum before the run")
                .doesNotContain("<script").doesNotContain("mongodb://").doesNotContain("<link")
                .doesNotContain("src=\"http");
        keep("completed.html", page);

        ReportFiles.Written md = ReportFiles.write(engine, plan, run.runId(), ReportFormat.MARKDOWN,
                dir.resolve("r.md"));
        assertThat(Files.readString(md.file())).contains("# Run " + run.runId()).contains("| check | status |")
                .contains("## Audit trail");
        ReportFiles.Written json = ReportFiles.write(engine, plan, run.runId(), ReportFormat.JSON,
                dir.resolve("r.json"));
        JsonNode tree = new ObjectMapper().readTree(json.file().toFile());
        assertThat(tree.get("verdict").asText()).isEqualTo("warn");
        assertThat(tree.get("report").get("runId").asText()).isEqualTo(run.runId());
        assertThat(tree.get("report").get("quarantine").get("count").asLong()).isEqualTo(run.quarantined());

        ReportFiles.Verification ok = ReportFiles.verify(engine, html.file());
        assertThat(ok.unaltered()).isTrue();
        assertThat(ok.made().orElseThrow().runId()).isEqualTo(run.runId());
        assertThat(ok.sha256()).isEqualTo(html.digest().digest()).hasSize(64);
        Path altered = Files.writeString(dir.resolve("altered.html"), page.replace("Completed", "Complete"));
        assertThat(ReportFiles.verify(engine, altered).unaltered()).isFalse();
        assertThat(engine.report(plan, null).audit()).extracting(EvidenceReport.Action::what)
                .filteredOn(w -> w.startsWith("made a report")).hasSize(3);
    }

    @Test
    void aPausedAndARolledBackRunSayWhatBecameOfThem() throws Exception {
        RunControl control = new RunControl();
        RunReport paused = engine.run(plan, control, event -> {
            if (event instanceof RunEvent.BatchDone b && b.batch() == 2) {
                control.pause("operator");
            }
        });
        assertThat(paused.state()).isEqualTo(RunState.PAUSED);
        EvidenceReport stopped = engine.report(plan, paused.runId());
        assertThat(stopped.batches()).hasSize(2);
        assertThat(stopped.estimate()).isNull();
        String page = new String(ReportFormat.HTML.render(stopped), StandardCharsets.UTF_8);
        assertThat(page).contains("Stopped before the end (paused): resumable from batch 3")
                .contains("no dry run of this plan version before the run").contains("Not validated.");
        keep("paused.html", page);

        engine.rollback(plan, paused.runId(), RunListener.NONE);
        EvidenceReport rolledBack = engine.report(plan, paused.runId());
        assertThat(rolledBack.rollback()).isNotNull();
        assertThat(rolledBack.rollback().verified()).isTrue();
        String after = new String(ReportFormat.HTML.render(rolledBack), StandardCharsets.UTF_8);
        assertThat(after).contains("Rolled back; the targets match their pre-run checksums")
                .contains("<h2>Rollback</h2>").contains("rolled back; verified");
        assertThat(new String(ReportFormat.MARKDOWN.render(rolledBack), StandardCharsets.UTF_8))
                .contains("**ℹ Rolled back; the targets match");
        keep("rolled-back.html", after);
    }

    private static void keep(String name, String page) throws Exception {
        Files.createDirectories(SAMPLES);
        Files.writeString(SAMPLES.resolve(name), page);
    }
}
