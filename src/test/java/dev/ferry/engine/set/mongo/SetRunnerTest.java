package dev.ferry.engine.set.mongo;

import dev.ferry.engine.set.RepairReport;
import dev.ferry.engine.set.Selection;
import dev.ferry.engine.set.SetEvent;
import dev.ferry.engine.set.SetRefusedException;
import dev.ferry.engine.set.SetReport;
import dev.ferry.engine.set.SetStatusReport;
import dev.ferry.engine.set.VersionResult;
import dev.ferry.engine.set.VersionStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.ferry.engine.RunControl;
import dev.ferry.plan.MigrationSet;
import dev.ferry.plan.MigrationSetLoader;
import dev.ferry.store.DocumentChecksum;
import dev.ferry.testing.InProcessMongo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runbook 004's set on the earlybird demo data: up, down, one at a time, changed files, failures and retries. */
class SetRunnerTest {

    private static final List<String> AUDIT_FIELDS = List.of("confirmed_by_user_id", "confirmed_by_name",
            "confirmed_at", "confirmation_method", "ip_address", "device_info");

    @TempDir
    Path tmp;

    private InProcessMongo mongo;
    private MongoDatabase db;
    private MongoSetEngine sets;

    @BeforeEach
    void start() {
        mongo = new InProcessMongo();
        db = mongo.database("earlybird");
        EarlybirdFixture.seed(db, 800);
        sets = MongoSetEngine.connect(mongo.uri("earlybird")).withLeaseTtl(Duration.ofSeconds(2)).withBatchSize(150);
    }

    @AfterEach
    void stop() {
        sets.close();
        mongo.close();
    }

    @Test
    void upAllAddsFieldsAndIndexesAndDownAllRestoresEveryCollectionByChecksum() {
        MigrationSet set = MigrationSetLoader.load(EarlybirdFixture.SET);
        Map<String, DocumentChecksum.Sum> before = EarlybirdFixture.checksums(db);
        TreeSet<String> indexesBefore = EarlybirdFixture.indexes(db);
        long legacyLinks = db.getCollection("orders").countDocuments(Filters.ne("subscription_id", null));
        assertThat(legacyLinks).isPositive();

        List<SetEvent> events = new ArrayList<>();
        SetReport up = sets.up(set, Selection.all(), new RunControl(), events::add);

        assertThat(up.succeeded()).as(up.message()).isTrue();
        assertThat(up.results()).extracting(VersionResult::label).containsExactly("001", "002", "003", "004", "005");
        assertThat(up.results()).allSatisfy(r -> assertThat(r.status()).isEqualTo("completed"));
        assertThat(events).filteredOn(e -> e instanceof SetEvent.StepProgress).isNotEmpty();
        assertThat(db.getCollection("orders").countDocuments(Filters.exists("subscription_id", false))).isZero();
        assertThat(db.getCollection("orders").countDocuments(Filters.ne("subscription_id", null)))
                .as("orders that had a subscription keep it").isEqualTo(legacyLinks);
        for (String f : AUDIT_FIELDS) {
            assertThat(db.getCollection("delivery_statuses").countDocuments(Filters.exists(f, false))).as(f).isZero();
        }
        assertThat(db.getCollection("customers_v2").countDocuments(Filters.exists("user_id", false))).isZero();
        TreeSet<String> indexesUp = EarlybirdFixture.indexes(db);
        assertThat(indexesUp).contains("orders.user_id_1", "orders.delivery_date_-1", "orders.user_id_1_status_1",
                "subscriptions_v2.status_1_customer_id_1", "delivery_statuses.customer_id_1_delivery_date_1",
                "billing_records.customer_id_1", "customers_v2.phone_1", "users.email_1");
        assertThat(indexesUp).hasSize(indexesBefore.size() + 13); // users.email_1 was there already
        assertThat(up.results().get(2).counts()).containsEntry("indexes_created", 13L)
                .containsEntry("indexes_already_present", 1L);

        SetStatusReport status = sets.status(set);
        assertThat(status.current()).isEqualTo("005");
        assertThat(status.versions()).allSatisfy(v -> {
            assertThat(v.status()).isEqualTo("completed");
            assertThat(v.recordedChecksum()).isEqualTo(v.fileChecksum()).hasSize(64);
            assertThat(v.operator()).isEqualTo(System.getProperty("user.name"));
            assertThat(v.appliedAt()).isNotNull();
            assertThat(v.duration()).isNotNull();
        });
        assertThat(status.lease()).as("the lease is released after the run").isNull();

        SetReport down = sets.down(set, Selection.all(), new RunControl(), e -> { });

        assertThat(down.succeeded()).as(down.message()).isTrue();
        assertThat(down.results()).extracting(VersionResult::label).containsExactly("005", "004", "003", "002", "001");
        assertThat(down.results().get(2).counts()).containsEntry("indexes_dropped", 13L)
                .doesNotContainKey("indexes_already_gone");
        assertThat(EarlybirdFixture.checksums(db)).isEqualTo(before);
        assertThat(EarlybirdFixture.indexes(db)).as("the indexes the up created are gone, users.email_1 stays")
                .isEqualTo(indexesBefore);
        assertThat(EarlybirdFixture.statuses(sets.status(set))).containsExactly("001:rolled_back", "002:rolled_back",
                "003:rolled_back", "004:rolled_back", "005:rolled_back");
        assertThat(db.getCollection("ferry_set_undo").countDocuments()).isZero();
    }

    @Test
    void runOneAndRollBackOne() {
        MigrationSet set = MigrationSetLoader.load(EarlybirdFixture.SET);
        TreeSet<String> indexesBefore = EarlybirdFixture.indexes(db);
        Map<String, DocumentChecksum.Sum> before = EarlybirdFixture.checksums(db);

        SetReport only3 = sets.up(set, Selection.only(3), new RunControl(), e -> { });
        assertThat(only3.results()).extracting(VersionResult::label).containsExactly("003");
        assertThat(EarlybirdFixture.statuses(sets.status(set))).containsExactly("001:pending", "002:pending",
                "003:completed", "004:pending", "005:pending");
        assertThat(EarlybirdFixture.indexes(db)).contains("orders.user_id_1_status_1");
        assertThat(EarlybirdFixture.checksums(db)).as("indexes only: no document changed").isEqualTo(before);

        assertThat(sets.up(set, Selection.only(3), new RunControl(), e -> { }).message())
                .contains("Nothing to do: V003 is completed already");

        SetReport to2 = sets.up(set, Selection.to(2), new RunControl(), e -> { });
        assertThat(to2.results()).extracting(VersionResult::label).containsExactly("001", "002");

        SetReport down3 = sets.down(set, Selection.only(3), new RunControl(), e -> { });
        assertThat(down3.results()).extracting(VersionResult::label).containsExactly("003");
        assertThat(EarlybirdFixture.indexes(db)).isEqualTo(indexesBefore);
        assertThat(EarlybirdFixture.statuses(sets.status(set))).containsExactly("001:completed", "002:completed",
                "003:rolled_back", "004:pending", "005:pending");

        SetReport downTo1 = sets.down(set, Selection.to(1), new RunControl(), e -> { });
        assertThat(downTo1.results()).extracting(VersionResult::label).containsExactly("002");
        assertThat(sets.status(set).current()).isEqualTo("001");

        assertThatThrownBy(() -> sets.up(set, Selection.only(9), new RunControl(), e -> { }))
                .isInstanceOf(SetRefusedException.class).hasMessageContaining("has no version 9")
                .hasMessageContaining("V001, V002, V003, V004, V005");
    }

    @Test
    void aDownKeepsValuesThatChangedSinceTheUp() {
        MigrationSet set = MigrationSetLoader.load(EarlybirdFixture.SET);
        sets.up(set, Selection.only(1), new RunControl(), e -> { });
        Document order = db.getCollection("orders").find(Filters.eq("subscription_id", null)).first();
        db.getCollection("orders").updateOne(Filters.eq("_id", order.get("_id")),
                Updates.set("subscription_id", "sub-filled-by-the-app"));

        SetReport down = sets.down(set, Selection.all(), new RunControl(), e -> { });

        assertThat(down.results().get(0).counts()).containsEntry("kept_changed_since", 1L);
        assertThat(db.getCollection("orders").find(Filters.eq("_id", order.get("_id"))).first()
                .getString("subscription_id")).isEqualTo("sub-filled-by-the-app");
        assertThat(db.getCollection("orders").countDocuments(Filters.and(Filters.exists("subscription_id"),
                Filters.eq("subscription_id", null)))).isZero();
    }

    @Test
    void aChangedFileIsFlaggedAndNothingAfterItRunsUntilRepaired() throws Exception {
        Path dir = EarlybirdFixture.copy(tmp, "earlybird");
        sets.up(MigrationSetLoader.load(dir), Selection.to(3), new RunControl(), e -> { });
        Files.writeString(dir.resolve("V002__add_order_id_to_delivery_statuses.yaml"), "# reviewed\n",
                java.nio.file.StandardOpenOption.APPEND);
        MigrationSet changed = MigrationSetLoader.load(dir);

        VersionStatus v2 = sets.status(changed).versions().get(1);
        assertThat(v2.checksumMismatch()).isTrue();
        assertThat(v2.note()).contains("V002__add_order_id_to_delivery_statuses.yaml changed after it was applied")
                .contains("set repair");
        assertThatThrownBy(() -> sets.up(changed, Selection.all(), new RunControl(), e -> { }))
                .isInstanceOf(SetRefusedException.class)
                .hasMessageContaining("Refusing to apply V004, V005")
                .hasMessageContaining("V002__add_order_id_to_delivery_statuses.yaml changed after V002 was applied")
                .hasMessageContaining("ferry set repair");
        assertThatThrownBy(() -> sets.down(changed, Selection.only(3), new RunControl(), e -> { }))
                .isInstanceOf(SetRefusedException.class);
        assertThat(db.getCollection("users").countDocuments(Filters.exists("customer_v2_id", false)))
                .as("V004 did not run").isPositive();
        assertThat(sets.down(changed, Selection.only(1), new RunControl(), e -> { }).succeeded())
                .as("a version before the changed one may still be rolled back").isTrue();

        RepairReport repair = sets.repair(changed);
        assertThat(repair.accepted()).extracting(RepairReport.Accepted::label).containsExactly("002");
        assertThat(sets.status(changed).anyMismatch()).isFalse();
        SetReport up = sets.up(changed, Selection.all(), new RunControl(), e -> { });
        assertThat(up.results()).extracting(VersionResult::label).containsExactly("001", "004", "005");
        Document history = db.getCollection("ferry_history").find(Filters.eq("version", 2L)).first();
        assertThat(history.getList("events", Document.class)).extracting(e -> e.getString("action"))
                .contains("repair");
    }

    @Test
    void aFailingVersionStopsTheSequenceAndIsRetriedAfterAFix() {
        Path dir = tmp.resolve("fails");
        EarlybirdFixture.write(dir, "V001__orders_note.yaml", """
                up:
                  - add_field: { collection: orders, field: note, default: "" }
                """);
        String broken = """
                description: a unique index on a field that repeats
                up:
                  - add_field: { collection: customers_v2, field: tier, default: basic }
                  - create_index: { collection: orders, keys: { customer_id: 1 }, unique: true }
                """;
        EarlybirdFixture.write(dir, "V002__customer_tier.yaml", broken);
        EarlybirdFixture.write(dir, "V003__users_locale.yaml", """
                up:
                  - add_field: { collection: users, field: locale, default: en-IN }
                """);
        Map<String, DocumentChecksum.Sum> before = EarlybirdFixture.checksums(db);

        SetReport failed = sets.up(MigrationSetLoader.load(dir), Selection.all(), new RunControl(), e -> { });

        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.results()).extracting(VersionResult::label, VersionResult::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("001", "completed"),
                        org.assertj.core.groups.Tuple.tuple("002", "failed"));
        assertThat(failed.notRun()).containsExactly("V003");
        assertThat(failed.results().get(1).error()).contains("V002__customer_tier.yaml line 4")
                .contains("create unique index customer_id_1");
        assertThat(failed.message()).startsWith("V002 (V002__customer_tier.yaml) failed:").contains("set up");
        assertThat(db.getCollection("users").countDocuments(Filters.exists("locale"))).isZero();
        assertThat(EarlybirdFixture.statuses(sets.status(MigrationSetLoader.load(dir))))
                .containsExactly("001:completed", "002:failed", "003:pending");

        EarlybirdFixture.write(dir, "V002__customer_tier.yaml", broken.replace(", unique: true", "")
                .replace("default: basic", "default: standard"));
        SetReport retried = sets.up(MigrationSetLoader.load(dir), Selection.all(), new RunControl(), e -> { });

        assertThat(retried.succeeded()).as(retried.message()).isTrue();
        assertThat(retried.results()).extracting(VersionResult::label).containsExactly("002", "003");
        assertThat(retried.results().get(0).counts()).containsEntry("earlier_attempt_unset", 160L);
        assertThat(db.getCollection("customers_v2").countDocuments(Filters.eq("tier", "standard"))).isEqualTo(160);
        Document history = db.getCollection("ferry_history").find(Filters.eq("version", 2L)).first();
        assertThat(history.getInteger("attempts")).isEqualTo(2);
        assertThat(history.get("error")).isNull();

        sets.down(MigrationSetLoader.load(dir), Selection.all(), new RunControl(), e -> { });
        assertThat(EarlybirdFixture.checksums(db)).isEqualTo(before);
    }

    @Test
    void aBackfilledLinkIsRestoredOnlyWhereItStillHoldsWhatTheUpWrote() {
        Path dir = tmp.resolve("links");
        EarlybirdFixture.write(dir, "V001__link_users_to_customers.yaml", """
                description: users.customer_v2_id from the customer with the same phone
                up:
                  - backfill_link:
                      collection: users
                      field: customer_v2_id
                      from: customers_v2
                      match: { phone: phone }
                      value: id
                """);
        db.getCollection("customers_v2").insertOne(new Document("id", "cust-dup").append("phone", "9876500001"));
        Map<String, DocumentChecksum.Sum> before = EarlybirdFixture.checksums(db);
        long legacy = db.getCollection("users").countDocuments(Filters.exists("customer_v2_id"));

        SetReport up = sets.up(MigrationSetLoader.load(dir), Selection.all(), new RunControl(), e -> { });

        Map<String, Long> counts = up.results().get(0).counts();
        assertThat(counts.get("ambiguous")).as("phone 9876500001 belongs to two customers").isPositive();
        assertThat(counts.get("linked")).isEqualTo(200 - legacy - counts.get("ambiguous"));
        Document user5 = db.getCollection("users").find(Filters.eq("id", "user-00005")).first();
        assertThat(user5.getString("customer_v2_id")).isEqualTo("cust-00005");
        db.getCollection("users").updateOne(Filters.eq("id", "user-00005"), Updates.set("customer_v2_id", "cust-x"));

        SetReport down = sets.down(MigrationSetLoader.load(dir), Selection.all(), new RunControl(), e -> { });

        assertThat(down.results().get(0).counts()).containsEntry("kept_changed_since", 1L);
        assertThat(db.getCollection("users").find(Filters.eq("id", "user-00005")).first().getString("customer_v2_id"))
                .isEqualTo("cust-x");
        db.getCollection("users").updateOne(Filters.eq("id", "user-00005"), Updates.unset("customer_v2_id"));
        assertThat(EarlybirdFixture.checksums(db)).isEqualTo(before);
    }

    @Test
    void aBackfillReachesEveryKeyTypeOneBracketAfterAnother() {
        Path dir = tmp.resolve("mixed");
        EarlybirdFixture.write(dir, "V001__link.yaml", """
                up:
                  - backfill_link: { collection: users, field: customer_v2_id, from: customers_v2,
                                     match: { phone: phone }, value: id }
                """);
        db.getCollection("users").insertOne(new Document("_id", "legacy-user").append("phone", "9876500002"));

        SetReport up = sets.up(MigrationSetLoader.load(dir), Selection.all(), new RunControl(), e -> { });

        assertThat(up.results().get(0).status()).isEqualTo("completed");
        assertThat(db.getCollection("users").find(Filters.eq("_id", "legacy-user")).first()
                .getString("customer_v2_id")).isEqualTo("cust-00002");
    }

    @Test
    void aStoppedRollbackIsFinishedByRunningItAgain() {
        MigrationSet set = MigrationSetLoader.load(EarlybirdFixture.SET);
        Map<String, DocumentChecksum.Sum> before = EarlybirdFixture.checksums(db);
        sets.up(set, Selection.to(2), new RunControl(), e -> { });

        RunControl control = new RunControl();
        SetReport stopped = sets.down(set, Selection.all(), control, e -> {
            if (e instanceof SetEvent.StepProgress p && p.done() == 1) {
                control.cancel("operator pressed Ctrl-C");
            }
        });

        assertThat(stopped.succeeded()).isFalse();
        assertThat(stopped.results().get(0).error()).startsWith("rollback failed: stopped before the next batch:"
                + " operator pressed Ctrl-C").contains("set down --only 002");
        assertThat(stopped.notRun()).containsExactly("V001");
        assertThat(EarlybirdFixture.statuses(sets.status(set))).startsWith("001:completed", "002:failed");

        SetReport finished = sets.down(set, Selection.all(), new RunControl(), e -> { });

        assertThat(finished.succeeded()).as(finished.message()).isTrue();
        assertThat(finished.results()).extracting(VersionResult::label).containsExactly("002", "001");
        assertThat(EarlybirdFixture.checksums(db)).isEqualTo(before);
    }
}
