package dev.ferry.engine.split;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import dev.ferry.FerryException;
import dev.ferry.engine.RepairReport;
import dev.ferry.engine.RepairReport.Item;
import dev.ferry.engine.RepairReport.Problem;
import dev.ferry.engine.RollbackReport;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.engine.RunSummary;
import dev.ferry.engine.ValidationReport;
import dev.ferry.plan.Guardrails;
import dev.ferry.plan.Plan;
import dev.ferry.store.DocumentChecksum;
import dev.ferry.store.journal.Journal;
import dev.ferry.store.journal.RepairRecord;
import dev.ferry.store.mongo.MongoJournal;
import dev.ferry.testing.InProcessMongo;
import java.time.Duration;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Repair instead of rollback: after a completed run, a target deleted by someone, one whose source changed since and
 * one someone else edited. The repair writes the first two back (as batches of the run, undoable), leaves the edited
 * one until its key is asked for, checks what it wrote, and the plan then validates.
 */
class RepairTest {

    private static final int RECORDS = 600;

    private InProcessMongo mongo;
    private MongoDatabase db;
    private SplitEngine ferry;
    private Journal journal;
    private Plan plan;
    private RunReport run;

    @BeforeEach
    void start() {
        mongo = new InProcessMongo();
        db = mongo.database("app");
        db.getCollection("src").insertMany(TestPlans.sources(RECORDS, 7));
        ferry = SplitEngine.connect(mongo.uri("app")).withCompiler(p -> TestPlans.MAPPER)
                .withLeaseTtl(Duration.ofSeconds(5));
        journal = new MongoJournal(ferry.store());
        plan = TestPlans.split("repairable", 100, Guardrails.none());
        run = ferry.run(plan, new RunControl(), RunListener.NONE);
        assertThat(run.state()).isEqualTo(RunState.COMPLETED);
    }

    @AfterEach
    void stop() {
        ferry.close();
        mongo.close();
    }

    private void damage() {
        db.getCollection("people").deleteOne(eq("_id", 3));                      // someone deleted it
        db.getCollection("src").updateOne(eq("_id", 9), set("name", "renamed"));  // the source moved on
        db.getCollection("people").updateOne(eq("_id", 5), set("name", "HAND EDIT")); // someone else's change
    }

    @Test
    void aPreviewSaysWhatARepairWouldWriteAndWritesNothing() {
        damage();
        DocumentChecksum.Sum before = checksum("people");
        long batches = db.getCollection(MongoJournal.BATCHES).countDocuments();

        RepairReport preview = ferry.repairPreview(plan, List.of());

        assertThat(preview.applied()).isFalse();
        assertThat(preview.runId()).isEqualTo(run.runId());
        assertThat(preview.checked()).isEqualTo(RECORDS);
        assertThat(preview.items()).extracting(Item::key, Item::target, Item::problem, Item::repair)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("3", "people", Problem.MISSING, true),
                        org.assertj.core.groups.Tuple.tuple("5", "people", Problem.CHANGED_SINCE_RUN, false),
                        org.assertj.core.groups.Tuple.tuple("9", "people", Problem.DIFFERS, true));
        assertThat(item(preview, "5").detail()).contains("name", "--key 5");
        assertThat(preview.toRepair()).isEqualTo(2);
        assertThat(preview.left()).isEqualTo(1);
        assertThat(checksum("people")).isEqualTo(before);
        assertThat(db.getCollection(MongoJournal.BATCHES).countDocuments()).isEqualTo(batches);
    }

    @Test
    void aRepairWritesMissingAndOutdatedTargetsAndLeavesSomeoneElsesChangeUntilAskedByKey() {
        damage();
        assertThat(ferry.validate(plan).passed()).isFalse();
        long lastBatch = journal.runs().find(run.runId()).orElseThrow().checkpoint().batch();
        var endedAt = journal.runs().find(run.runId()).orElseThrow().endedAt();

        RepairReport repair = ferry.repair(plan, List.of(), RunListener.NONE);

        assertThat(repair.applied()).isTrue();
        assertThat(repair.firstBatch()).isEqualTo(lastBatch + 1);
        assertThat(repair.lastBatch()).isEqualTo(lastBatch + 1);
        assertThat(item(repair, "3").matchesNow()).isTrue();
        assertThat(item(repair, "9").matchesNow()).isTrue();
        assertThat(item(repair, "5").repair()).isFalse();
        assertThat(repair.stillMismatched()).isZero();
        assertThat(db.getCollection("people").find(eq("_id", 3)).first()).isNotNull();
        assertThat(db.getCollection("people").find(eq("_id", 9)).first().getString("name")).isEqualTo("RENAMED");
        assertThat(db.getCollection("people").find(eq("_id", 5)).first().getString("name")).isEqualTo("HAND EDIT");
        ValidationReport stillOne = ferry.validate(plan);
        assertThat(stillOne.passed()).isFalse();
        assertThat(stillOne.checks().stream().flatMap(c -> c.failingKeys().stream()).distinct()).containsExactly("5");

        RepairReport byKey = ferry.repair(plan, List.of("5", "11", "no-such-key"), RunListener.NONE);
        assertThat(byKey.items()).extracting(Item::key, Item::problem, Item::repair).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("5", Problem.CHANGED_SINCE_RUN, true),
                org.assertj.core.groups.Tuple.tuple("11", Problem.MATCHES, false),
                org.assertj.core.groups.Tuple.tuple("no-such-key", Problem.NO_SOURCE_RECORD, false));
        assertThat(item(byKey, "5").matchesNow()).isTrue();
        assertThat(byKey.firstBatch()).isEqualTo(lastBatch + 2);
        assertThat(ferry.validate(plan).passed()).isTrue();

        RunSummary after = ferry.history(plan.name()).get(0);
        assertThat(after.runId()).isEqualTo(run.runId());
        assertThat(after.state()).isEqualTo(RunState.COMPLETED);
        assertThat(after.endedAt()).isEqualTo(endedAt);
        assertThat(after.processed()).isEqualTo(RECORDS);
        assertThat(after.message()).contains("repaired 1 targets in batch " + (lastBatch + 2));
        List<RepairRecord> kept = journal.evidence().repairs(run.runId());
        assertThat(kept).hasSize(2);
        assertThat(kept.get(0).records()).filteredOn(RepairRecord.RepairedRecord::repaired).hasSize(2);
        assertThat(kept.get(1).askedFor()).containsExactly("5", "11", "no-such-key");
        assertThat(db.getCollection(MongoJournal.BATCHES).countDocuments(eq("run", run.runId())))
                .isEqualTo(lastBatch + 2);
    }

    @Test
    void aRollbackUndoesTheRepairWithTheRun() {
        DocumentChecksum.Sum empty = DocumentChecksum.Sum.EMPTY;
        db.getCollection("people").deleteOne(eq("_id", 3));
        db.getCollection("tags").deleteOne(eq("_id", 4));
        RepairReport repair = ferry.repair(plan, List.of(), RunListener.NONE);
        assertThat(repair.toRepair()).isEqualTo(2);
        assertThat(ferry.validate(plan).passed()).isTrue();

        RollbackReport rollback = ferry.rollback(plan, null, RunListener.NONE);

        assertThat(rollback.verified()).as(String.join("\n", rollback.verification())).isTrue();
        assertThat(checksum("people")).isEqualTo(empty);
        assertThat(checksum("tags")).isEqualTo(empty);
    }

    @Test
    void nothingToRepairWritesNothingAndOnlyACompletedRunIsRepaired() {
        RepairReport none = ferry.repair(plan, List.of(), RunListener.NONE);
        assertThat(none.items()).isEmpty();
        assertThat(none.firstBatch()).isZero();

        Plan other = TestPlans.split("stopped", 100, Guardrails.none());
        RunControl pause = new RunControl();
        pause.pause("operator");
        ferry.run(other, pause, RunListener.NONE);
        assertThatThrownBy(() -> ferry.repair(other, List.of(), RunListener.NONE)).isInstanceOf(FerryException.class)
                .hasMessageContaining("is paused: only a completed run is repaired")
                .hasMessageContaining("Run the plan again to finish it");
        assertThatThrownBy(() -> ferry.repairPreview(TestPlans.split("never", 100, Guardrails.none()), List.of()))
                .hasMessageContaining("has no run");
    }

    private static Item item(RepairReport r, String key) {
        return r.items().stream().filter(i -> i.key().equals(key)).findFirst().orElseThrow();
    }

    private DocumentChecksum.Sum checksum(String collection) {
        DocumentChecksum.Sum sum = DocumentChecksum.Sum.EMPTY;
        for (Document d : db.getCollection(collection).find()) {
            sum = sum.add(d);
        }
        return sum;
    }
}
