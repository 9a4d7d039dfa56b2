package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.ferry.engine.RunOutcome;
import dev.ferry.engine.RunSummary;
import dev.ferry.engine.connect.Engines;
import dev.ferry.service.ConsoleState;
import dev.ferry.service.Session;
import dev.ferry.service.Tone;
import dev.ferry.testing.AccountExport;
import dev.ferry.testing.InProcessMongo;
import dev.ferry.ui.history.HistoryViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan whose date rule fails on every record of an account export (dates kept as text in another format): nothing is
 * migrated, and nothing says so in green — not the dry run, the run, {@code status}, {@code history}, validation (whose
 * checks compared no migrated record), nor the console's state chip and History. One with a tenth of its dates
 * unreadable is amber everywhere: completed, with records in quarantine.
 */
class NothingMigratedIsNeverGreenTest {

    private static final String PLAN = """
            name: accounts-opened
            source: { collection: account_export, key: _id }
            batch: { size: 100 }
            targets:
              - collection: accounts
                id: { from: _id }
                fields:
                  account_no: { from: account_no }
                  holder: { from: holder }
                  opened: { from: opened, convert: { to: date, pattern: "%s" } }
                  branch: { from: branch }
            guardrails: {}
            """;

    static InProcessMongo mongo;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        mongo = new InProcessMongo();
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    @Test
    void aRunThatQuarantinedEveryRecordIsRedEverywhereAndItsValidationDoesNotPass() throws Exception {
        MongoDatabase db = mongo.database("none_migrated");
        db.getCollection("account_export").insertMany(AccountExport.documents(11, 600));
        String uri = mongo.uri("none_migrated");
        String plan = plan("yyyy-MM-dd"); // the export writes dd/MM/yyyy: every date fails

        CliHarness.Result dry = CliHarness.run("dry-run", "--uri", uri, "--plan", plan);
        assertThat(dry.code()).isEqualTo(1);
        assertThat(dry.out()).contains("✗ Would migrate nothing").doesNotContain("✓ Would migrate");

        CliHarness.Result run = CliHarness.run("run", "--uri", uri, "--plan", plan);
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("✗ Nothing migrated: all 600 source records were quarantined")
                .doesNotContain("✓");

        CliHarness.Result status = CliHarness.run("status", "--uri", uri, "--plan", plan);
        assertThat(status.out()).contains("accounts-opened: ✗ nothing migrated · run");
        CliHarness.Result history = CliHarness.run("history", "--uri", uri, "--plan", plan);
        assertThat(history.out()).contains("✗ nothing migrated").doesNotContain("✓");

        CliHarness.Result validate = CliHarness.run("validate", "--uri", uri, "--plan", plan);
        assertThat(validate.code()).as(validate.out()).isEqualTo(1);
        assertThat(validate.out()).doesNotContain("All 3 checks passed").doesNotContain("✓ PASSED  sample")
                .doesNotContain("✓ PASSED  checksum").contains("nothing was migrated");
        CliHarness.Result validated = CliHarness.run("history", "--uri", uri, "--plan", plan);
        assertThat(validated.out()).doesNotContain("✓");

        RunSummary latest = latest(uri, plan);
        assertThat(HistoryViewModel.stateTone(latest)).isEqualTo(Tone.FAIL);
        assertThat(HistoryViewModel.stateText(latest)).isEqualTo("nothing migrated");
        Session console = new Session();
        console.moveTo(ConsoleState.COMPLETED, RunOutcome.of(latest));
        assertThat(console.stateTone()).isEqualTo(Tone.FAIL);
        assertThat(console.stateLabel()).isEqualTo("nothing migrated");
    }

    @Test
    void aRunWithSomeRecordsInQuarantineIsAmberEverywhere() throws Exception {
        MongoDatabase db = mongo.database("some_quarantined");
        List<Document> lines = AccountExport.documents(12, 600);
        for (int i = 0; i < lines.size(); i += 10) {
            lines.get(i).put("opened", "31/02/2021"); // no such day
        }
        db.getCollection("account_export").insertMany(lines);
        String uri = mongo.uri("some_quarantined");
        String plan = plan("dd/MM/yyyy");

        CliHarness.Result run = CliHarness.run("run", "--uri", uri, "--plan", plan);
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("⚠ Migration complete with records in quarantine: 540 of 600");
        assertThat(CliHarness.run("status", "--uri", uri, "--plan", plan).out())
                .contains("accounts-opened: ⚠ completed, 60 in quarantine · run");
        assertThat(CliHarness.run("history", "--uri", uri, "--plan", plan).out())
                .contains("⚠ completed, 60 in quarantine");

        CliHarness.Result validate = CliHarness.run("validate", "--uri", uri, "--plan", plan);
        assertThat(validate.code()).as(validate.out()).isZero();
        assertThat(validate.out()).contains("60 of 600 source records are in quarantine")
                .doesNotContain("All 3 checks passed.");

        RunSummary latest = latest(uri, plan);
        assertThat(HistoryViewModel.stateTone(latest)).isEqualTo(Tone.PENDING);
        assertThat(HistoryViewModel.stateText(latest)).isEqualTo("completed, 60 in quarantine");
        assertThat(HistoryViewModel.stateWord(latest)).as("the chip's word; its tone and the next column say the rest")
                .isEqualTo("completed");
        assertThat(HistoryViewModel.stateTone(latest)).isEqualTo(dev.ferry.service.Tone.PENDING);
        Session console = new Session();
        console.moveTo(ConsoleState.COMPLETED, RunOutcome.of(latest));
        assertThat(console.stateTone()).isEqualTo(Tone.PENDING);
        assertThat(console.stateLabel()).isEqualTo("completed, 60 in quarantine");
    }

    private String plan(String pattern) throws Exception {
        Path file = dir.resolve("accounts-opened.yaml");
        Files.writeString(file, PLAN.formatted(pattern));
        return file.toString();
    }

    private static RunSummary latest(String uri, String plan) {
        try (var engine = Engines.connect(uri)) {
            return engine.history("accounts-opened").get(0);
        }
    }
}
