package dev.ferry.store.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ferry.store.DocumentChecksum;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * The contract every store's {@link Journal} keeps, against real servers: runs and checkpoints round-trip with keys of
 * any BSON type, run writes are fenced by their owner, leases expire and are taken over, undo entries and pre-images
 * (large ones too) come back exactly and are saved only by their owner, quarantine is idempotent per run and key,
 * {@code discardAfter} forgets exactly the later batches, verdicts and dry runs are kept, and listings are newest
 * first. One subclass per store supplies a fresh, empty journal (as mongo-java-server's AbstractBackendTest does).
 */
public abstract class JournalContractTest {

    /** A journal in a database of its own, with nothing in it. */
    protected abstract Journal journal();

    /**
     * Keys as real sources have them, all different as a database compares them: ObjectIds, legacy string ids,
     * numbers, decimals, composite keys, uuids, dates.
     */
    protected static List<Object> keys() {
        return List.of(new ObjectId("65f1c0ffee0000000000abcd"), "legacy-10013", 42,
                Decimal128.parse("12345678901234567890.123456789"),
                new Document("region", "EU").append("account", 7L),
                UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e"), new Date(1_700_000_000_123L), -0.5);
    }

    private static Instant at(long seconds) {
        return Instant.parse("2026-12-01T10:00:00Z").plusSeconds(seconds).truncatedTo(ChronoUnit.MILLIS);
    }

    private static RunRecord run(String runId, String plan, String owner, Instant startedAt) {
        Map<String, DocumentChecksum.Sum> preRun = new LinkedHashMap<>();
        preRun.put("people_names", new DocumentChecksum.Sum(3, Long.MIN_VALUE + 5));
        preRun.put("public.Addresses", DocumentChecksum.Sum.EMPTY);
        return RunRecord.started(runId, plan, "hash-" + plan, owner, "dba", "night-box", "crm",
                new RunSource("public.people", new Document("b", 1).append("a", new Document("$gt", 2)), "id",
                        "postgres"), List.of("people_names", "public.Addresses"), 250, preRun, startedAt);
    }

    private static Checkpoint checkpoint(long batch, Object lastKey) {
        Map<String, Long> written = new LinkedHashMap<>();
        written.put("people_names", batch * 250);
        written.put("public.Addresses", batch * 240);
        return new Checkpoint(batch, lastKey, batch * 250, 3, 1000, written, new DocumentChecksum.Sum(batch * 250,
                -8_765_432_109_876_543_210L / 3), 12_345);
    }

    // Runs

    @Test
    void anEmptyJournalReadsAsEmpty() {
        Journal j = journal();
        assertThat(j.runs().latest("p")).isEmpty();
        assertThat(j.runs().newestFirst(null, 10)).isEmpty();
        assertThat(j.undo().pending("run-x")).isEmpty();
        assertThat(j.undo().after("run-x", 0)).isEmpty();
        assertThat(j.undo().newestFirst("run-x")).isEmpty();
        assertThat(j.quarantine().keys("run-x")).isEmpty();
        assertThat(j.leases().holder("p")).isEmpty();
        assertThat(j.dryRuns().latest("p", "h")).isEmpty();
        assertThat(j.evidence().outcomes("p", 10)).isEmpty();
        assertThat(j.evidence().report("00")).isEmpty();
        assertThat(j.batches().after("run-x", 0, 10)).isEmpty();
        assertThat(j.requests().since("p", at(0))).isEmpty();
        assertThat(j.requests().ofRuns(List.of("run-x"))).isEmpty();
        assertThat(j.events().since("run-x", Instant.EPOCH, 10)).isEmpty();
        assertThat(j.events().ofRuns(List.of("run-x"), Set.of("state"))).isEmpty();
        assertThat(j.workers().ofRun("run-x")).isEmpty();
        assertThat(j.workers().ofPlan("p", Instant.EPOCH)).isEmpty();
    }

    @Test
    void aRunAndItsCheckpointRoundTripWithKeysOfEveryType() {
        Journal j = journal();
        RunRecord started = run("run-1", "people-split", "me#1", at(0));
        j.runs().insert(started);
        assertThat(j.runs().find("run-1")).get().usingRecursiveComparison().isEqualTo(started);
        List<Object> lastKeys = new ArrayList<>(keys());
        lastKeys.add(42L); // not 42: an int64 stays one
        lastKeys.add(new Document("account", 7L).append("region", "EU")); // field order is part of the key
        for (Object key : lastKeys) {
            Checkpoint c = checkpoint(4, key);
            assertThat(j.runs().checkpoint("run-1", "me#1", c)).isTrue();
            RunRecord back = j.runs().find("run-1").orElseThrow();
            assertThat(back.checkpoint()).as("checkpoint with key %s", key).isEqualTo(c);
            assertThat(back.checkpoint().lastKey()).as("type of %s", key).isExactlyInstanceOf(key.getClass());
            if (key instanceof Document d) { // field order is part of a composite key
                assertThat(((Document) back.checkpoint().lastKey()).keySet()).containsExactlyElementsOf(d.keySet());
            }
            assertThat(back.updatedAt()).isNotNull();
        }
        RunRecord back = j.runs().find("run-1").orElseThrow();
        assertThat(back.source().filter().keySet()).containsExactly("b", "a");
        assertThat(back.preRun()).isEqualTo(started.preRun());
        assertThat(back.targets()).containsExactly("people_names", "public.Addresses");
    }

    @Test
    void writesOfARunAreFencedByItsOwner() {
        Journal j = journal();
        j.runs().insert(run("run-1", "p", "first#1", at(0)));
        assertThat(j.runs().checkpoint("run-1", "first#1", checkpoint(1, 10))).isTrue();

        j.runs().resume("run-1", "second#2", "resumed by dba on other-box");
        assertThat(j.runs().checkpoint("run-1", "first#1", checkpoint(2, 20))).isFalse();
        assertThat(j.runs().changeState("run-1", "first#1", "COMPLETED", "done", at(9))).isFalse();
        RunRecord now = j.runs().find("run-1").orElseThrow();
        assertThat(now.checkpoint().batch()).isEqualTo(1);
        assertThat(now.state()).isEqualTo("RUNNING");
        assertThat(now.owner()).isEqualTo("second#2");
        assertThat(now.message()).isEqualTo("resumed by dba on other-box");

        assertThat(j.runs().changeState("run-1", "second#2", "CANCELLED", "cancelled by dba", null)).isTrue();
        assertThat(j.runs().find("run-1").orElseThrow().endedAt()).isNull();
        assertThat(j.runs().markPaused("run-1", List.of("second#2"), "waited too long")).isFalse(); // not running
        j.runs().resume("run-1", "third#3", "resumed");
        assertThat(j.runs().markPaused("run-1", List.of("first#1", "second#2"), "waited")).isFalse();
        assertThat(j.runs().markPaused("run-1", List.of("second#2", "third#3"), "waited too long")).isTrue();
        assertThat(j.runs().find("run-1").orElseThrow()).extracting(RunRecord::state, RunRecord::message)
                .containsExactly("PAUSED", "waited too long");

        j.runs().resume("run-1", "fourth#4", "resumed");
        assertThat(j.runs().changeState("run-1", "fourth#4", "COMPLETED", "", at(60))).isTrue();
        assertThat(j.runs().find("run-1").orElseThrow().endedAt()).isEqualTo(at(60));
        j.runs().resume("run-1", "fifth#5", "resumed once more");
        assertThat(j.runs().find("run-1").orElseThrow().endedAt()).as("a resumed run has not ended").isNull();
    }

    @Test
    void whatARunCreatedIsKeptOnItsRecordAndFencedByItsOwner() {
        Journal j = journal();
        assertThat(j.created().of("run-1")).isEmpty();
        j.runs().insert(run("run-1", "p", "run#1", at(0)));
        assertThat(j.created().of("run-1")).isEmpty();
        List<CreatedObject> creating = List.of(
                new CreatedObject(CreatedObject.Kind.TABLE, "public.listings", "public.listings",
                        "CREATE TABLE \"public\".\"listings\" (\"id\" text NOT NULL, PRIMARY KEY (\"id\"))",
                        CreatedObject.State.CREATING),
                new CreatedObject(CreatedObject.Kind.COLLECTION_INDEX, "customers", "email_1", "{email: 1} unique",
                        CreatedObject.State.CREATING));
        assertThat(j.created().record("run-1", "run#1", creating)).isTrue();
        assertThat(j.created().of("run-1")).isEqualTo(creating);
        List<CreatedObject> made = creating.stream().map(o -> o.in(CreatedObject.State.CREATED)).toList();
        assertThat(j.created().record("run-1", "run#1", made)).isTrue();
        j.runs().startRollback("run-1", "rollback#2");
        assertThat(j.created().record("run-1", "run#1", creating)).as("the run's process is fenced").isFalse();
        List<CreatedObject> dropped = made.stream().map(o -> o.in(CreatedObject.State.DROPPED)).toList();
        assertThat(j.created().record("run-1", "rollback#2", dropped)).isTrue();
        assertThat(j.created().of("run-1")).isEqualTo(dropped);
        assertThat(j.runs().find("run-1").orElseThrow().state()).isEqualTo("ROLLING_BACK");
    }

    @Test
    void aRollbackTakesTheRunOverAndRecordsItsVerification() {
        Journal j = journal();
        j.runs().insert(run("run-1", "p", "run#1", at(0)));
        j.runs().startRollback("run-1", "rollback#2");
        assertThat(j.runs().find("run-1").orElseThrow()).extracting(RunRecord::state, RunRecord::owner)
                .containsExactly("ROLLING_BACK", "rollback#2");
        assertThat(j.runs().checkpoint("run-1", "run#1", checkpoint(3, "k"))).as("the run's process is fenced").isFalse();
        j.runs().rolledBack("run-1", "targets match their pre-run checksums", true, at(30));
        RunRecord done = j.runs().find("run-1").orElseThrow();
        assertThat(done.state()).isEqualTo("ROLLED_BACK");
        assertThat(done.rolledBackAt()).isEqualTo(at(30));
        assertThat(done.rollbackVerified()).isTrue();
        assertThat(done.message()).isEqualTo("targets match their pre-run checksums");
    }

    @Test
    void runsAreListedNewestFirstOfOnePlanOrOfAll() {
        Journal j = journal();
        j.runs().insert(run("run-a1", "a", "o", at(0)));
        j.runs().insert(run("run-b1", "b", "o", at(10)));
        j.runs().insert(run("run-a2", "a", "o", at(20)));
        j.runs().insert(run("run-a3", "a", "o", at(5)));
        assertThat(j.runs().newestFirst("a", 10)).extracting(RunRecord::runId).containsExactly("run-a2", "run-a3", "run-a1");
        assertThat(j.runs().newestFirst(null, 10)).extracting(RunRecord::runId)
                .containsExactly("run-a2", "run-b1", "run-a3", "run-a1");
        assertThat(j.runs().newestFirst(null, 2)).extracting(RunRecord::runId).containsExactly("run-a2", "run-b1");
        assertThat(j.runs().latest("a")).get().extracting(RunRecord::runId).isEqualTo("run-a2");
        assertThat(j.runs().latest("c")).isEmpty();
    }

    @Test
    void aVerdictIsKeptOnItsRunWithoutChangingWhenTheRunLastChanged() {
        Journal j = journal();
        j.runs().insert(run("run-1", "p", "o", at(0)));
        j.runs().checkpoint("run-1", "o", checkpoint(1, 1));
        Instant updated = j.runs().find("run-1").orElseThrow().updatedAt();
        j.runs().recordVerdict("run-1", new VerdictRecord(at(100), 2, 1, 0, "1 mismatched of 3"));
        j.runs().recordVerdict("run-1", new VerdictRecord(at(200), 3, 0, 0, "3 passed"));
        RunRecord back = j.runs().find("run-1").orElseThrow();
        assertThat(back.verdict()).isEqualTo(new VerdictRecord(at(200), 3, 0, 0, "3 passed"));
        assertThat(back.updatedAt()).isEqualTo(updated);
    }

    // Leases

    @Test
    void aLeaseIsHeldByOneOwnerRenewedExpiresAndIsTakenOver() throws InterruptedException {
        Journal j = journal();
        Lease first = j.leases().lease("people-split", "dba@a:1/run#1", Duration.ofSeconds(2));
        Lease second = j.leases().lease("people-split", "ops@b:2/run#2", Duration.ofSeconds(2));
        assertThat(first.tryAcquire(null, "a", "dba")).isEmpty();
        first.describe("run-1");
        LeaseRecord held = second.tryAcquire("run-x", "b", "ops").orElseThrow();
        assertThat(held).extracting(LeaseRecord::owner, LeaseRecord::runId, LeaseRecord::host, LeaseRecord::operator)
                .containsExactly("dba@a:1/run#1", "run-1", "a", "dba");
        assertThat(held.expiresAt()).isAfter(held.heartbeatAt());
        assertThat(j.leases().holder("people-split")).get().extracting(LeaseRecord::owner).isEqualTo("dba@a:1/run#1");
        assertThat(first.tryAcquire("run-1", "a", "dba")).as("already this owner's").isEmpty();
        assertThat(first.heartbeat()).isTrue();
        assertThat(j.leases().releaseHeldBy("people-split", "ops@b:2/run#2")).as("not the holder").isFalse();

        Thread.sleep(2500); // the first holder stops renewing: its lease expires
        assertThat(j.leases().holder("people-split")).isEmpty();
        assertThat(second.tryAcquire("run-1", "b", "ops")).isEmpty();
        assertThat(first.heartbeat()).as("lost: another owner took it").isFalse();
        first.release(); // changes nothing: not its lease any more
        assertThat(j.leases().holder("people-split")).get().extracting(LeaseRecord::owner).isEqualTo("ops@b:2/run#2");
        assertThat(j.leases().holder("other-plan")).isEmpty();
        assertThat(j.leases().releaseHeldBy("people-split", "ops@b:2/run#2")).isTrue();
        assertThat(j.leases().holder("people-split")).isEmpty();
        assertThat(first.tryAcquire("run-1", "a", "dba")).isEmpty();
        first.release();
        assertThat(j.leases().holder("people-split")).isEmpty();
    }

    @Test
    void aLeaseNamesItsHoldersProcessAndIsTakenFromADeadHolderOnlyWhileThatHolderHasIt() {
        Journal j = journal();
        Instant started = at(-3600);
        Lease dead = j.leases().lease("people-split", "dba@a:4242/run#1", Duration.ofMinutes(5));
        assertThat(dead.tryAcquire(null, new HolderProcess("a", "dba", 4242, started))).isEmpty();
        LeaseRecord held = j.leases().holder("people-split").orElseThrow();
        assertThat(held.pid()).isEqualTo(4242);
        assertThat(held.processStart()).isEqualTo(started);
        assertThat(held.process()).isEqualTo(new HolderProcess("a", "dba", 4242, started));
        assertThat(j.leases().last("people-split")).contains(held);

        Lease next = j.leases().lease("people-split", "dba@a:77/run#2", Duration.ofMinutes(5));
        Lease late = j.leases().lease("people-split", "ops@a:78/run#3", Duration.ofMinutes(5));
        HolderProcess me = new HolderProcess("a", "dba", 77, at(0));
        assertThat(next.tryAcquire(null, me)).as("held, unexpired").isPresent();
        assertThat(next.takeOver("dba@a:4242/run#1", "run-1", me)).isTrue();
        assertThat(late.takeOver("dba@a:4242/run#1", "run-1", new HolderProcess("a", "ops", 78, null)))
                .as("only from the holder named, while it holds it").isFalse();
        LeaseRecord now = j.leases().holder("people-split").orElseThrow();
        assertThat(now).extracting(LeaseRecord::owner, LeaseRecord::runId, LeaseRecord::pid, LeaseRecord::processStart)
                .containsExactly("dba@a:77/run#2", "run-1", 77L, at(0));
        assertThat(dead.heartbeat()).as("the dead holder's lease is gone").isFalse();
        assertThat(next.heartbeat()).isTrue();
        next.release();
        assertThat(j.leases().last("people-split")).isEmpty();
        assertThat(j.leases().lease("x", "o#1", Duration.ofMinutes(1)).tryAcquire(null, "h", "op")).isEmpty();
        assertThat(j.leases().holder("x").orElseThrow()).extracting(LeaseRecord::pid, LeaseRecord::processStart)
                .as("a process not recorded").containsExactly(0L, null);
    }

    // Undo log

    @Test
    void undoEntriesAndPreImagesComeBackExactlyAndOnlyTheirOwnerWritesThem() {
        Journal j = journal();
        List<Object> keys = keys();
        Map<Object, Document> images = new LinkedHashMap<>();
        for (Object key : keys.subList(0, 6)) {
            images.put(key, new Document("_id", key).append("name", "before " + key).append("amount",
                    Decimal128.parse("10.50")).append("tags", List.of("a", 1, 2L)).append("missing", null));
        }
        List<Object> replaced = new ArrayList<>(images.keySet());
        List<Object> inserted = keys.subList(6, keys.size());
        UndoEntry entry = new UndoEntry("run-1", 1, "public.people", inserted, List.of(11, -12), replaced, false);
        assertThat(j.undo().save(entry, images, "me#1")).isTrue();

        UndoEntry back = j.undo().after("run-1", 0).get(0);
        assertThat(back).isEqualTo(entry);
        for (int i = 0; i < inserted.size(); i++) {
            assertThat(back.inserted().get(i)).isExactlyInstanceOf(inserted.get(i).getClass());
        }
        Map<Object, Document> pre = j.undo().preImages("run-1", "public.people", replaced);
        assertThat(pre).hasSize(images.size());
        images.forEach((key, image) -> assertThat(pre.get(dev.ferry.store.SourceKeys.identity(key)))
                .as("pre-image of %s", key).isEqualTo(image));
        assertThat(j.undo().preImages("run-1", "other-target", replaced)).isEmpty();

        // a corrected entry from the same owner replaces it; the first pre-image captured is kept
        Map<Object, Document> later = Map.of(replaced.get(0), new Document("_id", replaced.get(0)).append("name", "x"));
        UndoEntry corrected = new UndoEntry("run-1", 1, "public.people", inserted, List.of(11, -12), replaced, false);
        assertThat(j.undo().save(corrected, later, "me#1")).isTrue();
        assertThat(j.undo().preImages("run-1", "public.people", List.of(replaced.get(0))).values())
                .containsExactly(images.get(replaced.get(0)));
        // another owner (it took the run over) never overwrites the entry
        assertThat(j.undo().save(new UndoEntry("run-1", 1, "public.people", List.of(), List.of(), List.of(), false),
                Map.of(), "someone-else#2")).isFalse();
        assertThat(j.undo().after("run-1", 0).get(0).inserted()).hasSize(inserted.size());
    }

    @Test
    void aLargePreImageIsKept() {
        Journal j = journal();
        byte[] bytes = new byte[15 * 1024 * 1024 + 512 * 1024];
        new java.util.Random(3).nextBytes(bytes);
        Document big = new Document("_id", "big").append("blob", new Binary(bytes)).append("note", "after the blob");
        assertThat(j.undo().save(new UndoEntry("run-1", 1, "docs", List.of(), List.of(), List.of("big"), false),
                Map.of("big", big), "me#1")).isTrue();
        Document back = j.undo().preImages("run-1", "docs", List.of("big")).get("big");
        assertThat(back).isEqualTo(big);
        assertThat(back.keySet()).containsExactly("_id", "blob", "note");
        j.discardAfter("run-1", 0);
        assertThat(j.undo().preImages("run-1", "docs", List.of("big"))).isEmpty();
    }

    @Test
    void aRollbackReadsEveryEntryLastBatchFirstAndSeesWhatIsPending() {
        Journal j = journal();
        for (long batch = 1; batch <= 130; batch++) {
            for (String target : List.of("names", "addresses")) {
                j.undo().save(new UndoEntry("run-1", batch, target, List.of(batch * 10, batch * 10 + 1),
                        List.of(1, 2), batch % 2 == 0 ? List.of(batch) : List.of(), false),
                        batch % 2 == 0 ? Map.of(batch, new Document("_id", batch)) : Map.of(), "me#1");
            }
        }
        j.undo().save(new UndoEntry("run-2", 1, "names", List.of(1), List.of(1), List.of(), false), Map.of(), "me#1");
        List<UndoEntry> all = new ArrayList<>();
        j.undo().newestFirst("run-1").forEach(all::add);
        assertThat(all).hasSize(260);
        assertThat(all).extracting(UndoEntry::batch).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(all.get(0).batch()).isEqualTo(130);
        assertThat(j.undo().pending("run-1")).containsEntry("names", new PendingUndo(260, 65))
                .containsEntry("addresses", new PendingUndo(260, 65)).hasSize(2);

        for (UndoEntry e : all.subList(0, 4)) { // batches 130 and 129, both targets
            j.undo().markUndone(e);
        }
        assertThat(j.undo().pending("run-1").get("names")).isEqualTo(new PendingUndo(256, 64));
        assertThat(j.undo().after("run-1", 128)).hasSize(4).allMatch(UndoEntry::undone);
        assertThat(j.undo().after("run-1", 128)).extracting(UndoEntry::batch).containsExactly(130L, 130L, 129L, 129L);
    }

    // Quarantine, batches, discardAfter

    @Test
    void aReplayedBatchDoesNotQuarantineTwice() {
        Journal j = journal();
        List<QuarantineEntry> entries = new ArrayList<>();
        for (Object key : keys().subList(0, 6)) {
            entries.add(new QuarantineEntry(key, "born: not a date: '31/02/1999'", List.of("people_names.born:"
                    + " not a date: '31/02/1999'"), new Document("id", key).append("born", "31/02/1999")
                    .append("salary", Decimal128.parse("1234.50")).append("nickname", null)));
        }
        j.quarantine().put("run-1", "people-split", 2, entries);
        j.quarantine().put("run-1", "people-split", 2, entries); // the batch replayed after a crash
        j.quarantine().put("run-2", "people-split", 1, entries.subList(0, 1));
        assertThat(j.quarantine().keys("run-1")).hasSize(6).containsExactlyInAnyOrderElementsOf(keys().subList(0, 6));
        List<QuarantineEntry> back = j.quarantine().entries("run-1", 100);
        assertThat(back).hasSize(6);
        for (QuarantineEntry e : entries) {
            QuarantineEntry stored = back.stream().filter(b -> b.key().equals(e.key())).findFirst().orElseThrow();
            assertThat(stored).isEqualTo(e);
            assertThat(stored.source().keySet()).containsExactly("id", "born", "salary", "nickname");
        }
        assertThat(j.quarantine().entries("run-1", 2)).hasSize(2);
        assertThat(j.quarantine().keys("run-2")).hasSize(1);
        assertThat(j.quarantine().place()).contains("quarantine");
        assertThat(j.quarantine().query("run-1")).contains("run-1");
    }

    @Test
    void discardAfterForgetsExactlyTheLaterBatches() {
        Journal j = journal();
        j.runs().insert(run("run-1", "p", "me#1", at(0)));
        for (long batch = 1; batch <= 3; batch++) {
            j.batches().record(new BatchRecord("run-1", batch, at(batch), 250, 1, 40, Map.of("names", 249L)));
            j.batches().record(new BatchRecord("run-1", batch, at(batch), 250, 1, 41, Map.of("names", 249L)));
            j.undo().save(new UndoEntry("run-1", batch, "names", List.of("i" + batch), List.of(1),
                    List.of("r" + batch), false), Map.of("r" + batch, new Document("_id", "r" + batch)), "me#1");
            j.quarantine().put("run-1", "p", batch, List.of(new QuarantineEntry("q" + batch, "bad", List.of("bad"),
                    new Document("id", "q" + batch))));
        }
        j.undo().save(new UndoEntry("run-0", 5, "names", List.of("x"), List.of(1), List.of("y"), false),
                Map.of("y", new Document("_id", "y")), "me#1");
        for (long batch = 1; batch <= 3; batch++) {
            j.targetKeys().record("run-1", "names", List.of(new KeyWriter("k" + batch, "s" + batch, batch)));
        }
        assertThat(j.batches().of("run-1")).extracting(BatchRecord::batch, BatchRecord::millis)
                .containsExactly(tuple(1L, 41L), tuple(2L, 41L), tuple(3L, 41L));
        assertThat(j.batches().of("run-1").get(0)).isEqualTo(new BatchRecord("run-1", 1, at(1), 250, 1, 41,
                Map.of("names", 249L)));
        j.discardAfter("run-1", 1);
        assertThat(j.batches().of("run-1")).extracting(BatchRecord::batch).containsExactly(1L);
        assertThat(j.targetKeys().writtenBy("run-1", "names", List.of("k1", "k2", "k3"))).containsOnlyKeys("k1");
        assertThat(j.undo().after("run-1", 0)).extracting(UndoEntry::batch).containsExactly(1L);
        assertThat(j.undo().preImages("run-1", "names", List.of("r1", "r2", "r3"))).containsOnlyKeys("r1");
        assertThat(j.quarantine().keys("run-1")).containsExactly("q1");
        assertThat(j.undo().after("run-0", 0)).hasSize(1);
        assertThat(j.undo().preImages("run-0", "names", List.of("y"))).hasSize(1);
        assertThat(j.runs().find("run-1")).isPresent();
    }

    // Evidence

    private static EstimateRecord estimate(String hash, long seconds, long estimatedMs) {
        return new EstimateRecord("p", hash, at(seconds), 10_523, 1000, 9_000, estimatedMs, 4_000, 3_500, 1_500,
                estimatedMs / 9_000.0, 2);
    }

    @Test
    void anEstimateIsFoundByPlanVersionAsItWasBeforeAMoment() {
        Journal j = journal();
        assertThat(j.evidence().latestEstimate("p", "h1", at(1000))).isEmpty();
        j.evidence().estimated(estimate("h1", 0, 9_000));
        j.evidence().estimated(estimate("h1", 60, 11_700));
        j.evidence().estimated(estimate("h2", 90, 5_000));
        assertThat(j.evidence().latestEstimate("p", "h1", at(1000))).contains(estimate("h1", 60, 11_700));
        assertThat(j.evidence().latestEstimate("p", "h1", at(30))).contains(estimate("h1", 0, 9_000));
        assertThat(j.evidence().latestEstimate("p", "h1", at(-1))).isEmpty();
        assertThat(j.evidence().latestEstimate("q", "h1", at(1000))).isEmpty();
    }

    @Test
    void aRunsOutcomeIsKeptOnceWithItsEstimateAndTheTargetsChecksums() {
        Journal j = journal();
        Map<String, DocumentChecksum.Sum> after = new LinkedHashMap<>();
        after.put("people_names", new DocumentChecksum.Sum(10_518, Long.MIN_VALUE + 7));
        after.put("public.Addresses", DocumentChecksum.Sum.EMPTY);
        OutcomeRecord first = new OutcomeRecord("run-1", "p", "h1", at(100), 10_523, 1000, 14_000,
                estimate("h1", 0, 12_000), after);
        j.evidence().finished(first);
        j.evidence().finished(first); // a repeated write replaces
        OutcomeRecord second = new OutcomeRecord("run-2", "p", "h2", at(200), 20_000, 500, 30_000, null, Map.of());
        j.evidence().finished(second);
        j.evidence().finished(new OutcomeRecord("run-3", "other", "h1", at(300), 1, 1, 1, null, Map.of()));
        assertThat(j.evidence().outcome("run-1")).contains(first);
        assertThat(j.evidence().outcomes("p", 10)).containsExactly(second, first);
        assertThat(j.evidence().outcomes("p", 1)).containsExactly(second);
        assertThat(j.evidence().outcome("run-9")).isEmpty();
    }

    @Test
    void validationsRollbacksRepairsAndReportsOfARunComeBackInOrder() {
        Journal j = journal();
        CheckRecord check = new CheckRecord("checksum", "checksum", "FAILED", 10_518, 10_523, 1,
                "1 of 10,518 source records mismatch", List.of("db.user_data.find({})", "ü: ‘quoted’ $date"),
                List.of("65f1c0ffee0000000000abcd"), 1_234);
        ValidationRecord failed = new ValidationRecord("run-1", "p", at(10), "dba", "night-box", List.of(check),
                List.of("indexes are not compared"));
        ValidationRecord passed = new ValidationRecord("run-1", "p", at(20), "dba", "day-box", List.of(),
                List.of());
        j.evidence().validated(passed);
        j.evidence().validated(failed);
        j.evidence().validated(new ValidationRecord("run-2", "p", at(5), "x", "y", List.of(), List.of()));
        assertThat(j.evidence().validations("run-1")).containsExactly(failed, passed);

        RepairRecord repair = new RepairRecord("run-1", "p", at(15), "dba", "night-box", 12, 12,
                List.of(new RepairRecord.RepairedRecord("65f1c0ffee0000000000abcd", "dataset_metadata",
                        "changed by someone else since the run", "repaired (asked for by key)", true, true)),
                List.of("65f1c0ffee0000000000abcd"), 321);
        j.evidence().repaired(repair);
        j.evidence().repaired(repair);
        assertThat(j.evidence().repairs("run-1")).containsExactly(repair);

        Map<String, Long> deleted = new LinkedHashMap<>();
        deleted.put("people_names", 10_000L);
        deleted.put("public.Addresses", 0L);
        RollbackRecord rollback = new RollbackRecord("run-1", "p", at(30), "dba", "night-box", true, deleted,
                Map.of("people_names", 3L), List.of("people_names: before 3 docs; now 3 docs — match"), 4_000);
        j.evidence().rolledBack(rollback);
        assertThat(j.evidence().rollback("run-1")).contains(rollback);
        assertThat(j.evidence().rollback("run-2")).isEmpty();

        ReportRecord html = new ReportRecord("run-1", "p", "ab".repeat(32), "html", at(40), "dba", "night-box", 51_200);
        ReportRecord md = new ReportRecord("run-1", "p", "cd".repeat(32), "md", at(41), "auditor", "desk", 9_000);
        j.evidence().reported(md);
        j.evidence().reported(html);
        assertThat(j.evidence().report("ab".repeat(32))).contains(html);
        assertThat(j.evidence().report("ef".repeat(32))).isEmpty();
        assertThat(j.evidence().reports("run-1")).containsExactly(html, md);
        assertThat(j.evidence().reports("run-2")).isEmpty();
    }

    // What lets a run be watched and steered from anywhere

    @Test
    void batchRecordsComeBackInOrderWithWhereTheRunStood() {
        Journal j = journal();
        Map<String, Long> soFar = new LinkedHashMap<>();
        for (long batch = 1; batch <= 4; batch++) {
            soFar.put("people_names", batch * 249);
            soFar.put("public.Addresses", batch * 240);
            j.batches().record(new BatchRecord("run-1", batch, at(batch), 250, 1, 40 + batch,
                    Map.of("people_names", 249L, "public.Addresses", 240L), 7 * batch, 1000 * batch,
                    new BatchRecord.Totals(batch * 250, 1000, batch, soFar)));
        }
        j.batches().record(new BatchRecord("run-1", 5, at(5), 10, 0, 3, Map.of("people_names", 10L)));
        j.batches().record(new BatchRecord("run-2", 1, at(9), 1, 0, 1, Map.of()));
        List<BatchRecord> after = j.batches().after("run-1", 2, 10);
        assertThat(after).extracting(BatchRecord::batch).containsExactly(3L, 4L, 5L);
        BatchRecord third = after.get(0);
        assertThat(third.at()).isEqualTo(at(3));
        assertThat(third.read()).isEqualTo(250);
        assertThat(third.millis()).isEqualTo(43);
        assertThat(third.readWaitMillis()).isEqualTo(21);
        assertThat(third.elapsedMs()).isEqualTo(3000);
        assertThat(third.written()).containsEntry("public.Addresses", 240L);
        assertThat(third.run().known()).isTrue();
        assertThat(third.run().processed()).isEqualTo(750);
        assertThat(third.run().total()).isEqualTo(1000);
        assertThat(third.run().quarantined()).isEqualTo(3);
        assertThat(third.run().written()).containsEntry("people_names", 747L).containsEntry("public.Addresses", 720L);
        assertThat(after.get(2).run().known()).as("a record without totals, as older Ferrys wrote").isFalse();
        assertThat(j.batches().after("run-1", 0, 2)).extracting(BatchRecord::batch).containsExactly(1L, 2L);
        j.batches().record(new BatchRecord("run-1", 4, at(6), 100, 0, 9, Map.of("people_names", 100L), 1, 4500,
                new BatchRecord.Totals(850, 1000, 3, Map.of("people_names", 850L))));
        assertThat(j.batches().after("run-1", 3, 1)).singleElement().satisfies(b -> {
            assertThat(b.read()).as("a replayed batch replaces its record").isEqualTo(100);
            assertThat(b.run().processed()).isEqualTo(850);
        });
    }

    @Test
    void requestsAreKeptInOrderAndHonouredOnce() {
        Journal j = journal();
        j.requests().add(ControlRequest.pending("q-2", "people-split", "run-1", ControlRequest.Kind.SET, 500, null,
                "dba", "night-box", at(20)));
        j.requests().add(ControlRequest.pending("q-1", "people-split", "run-1", ControlRequest.Kind.PAUSE, null, null,
                "lead", "laptop-7", at(10)));
        j.requests().add(ControlRequest.pending("q-3", "people-split", "run-2", ControlRequest.Kind.SET, null, 2500.5,
                "oncall", "pager", at(30)));
        j.requests().add(ControlRequest.pending("q-4", "other", "run-9", ControlRequest.Kind.CANCEL, null, null,
                "x", "y", at(40)));
        assertThat(j.requests().since("people-split", at(15))).extracting(ControlRequest::id)
                .containsExactly("q-2", "q-3");
        assertThat(j.requests().ofRuns(List.of("run-1"))).extracting(ControlRequest::id).containsExactly("q-1", "q-2");
        ControlRequest set = j.requests().ofRuns(List.of("run-2")).get(0);
        assertThat(set).isEqualTo(ControlRequest.pending("q-3", "people-split", "run-2", ControlRequest.Kind.SET, null,
                2500.5, "oncall", "pager", at(30)));
        assertThat(j.requests().honour("q-1", at(11), "worker on night-box", "paused after batch 7")).isTrue();
        assertThat(j.requests().honour("q-1", at(12), "another worker", "paused again")).as("the first is kept")
                .isFalse();
        ControlRequest honoured = j.requests().ofRuns(List.of("run-1")).get(0);
        assertThat(honoured.honouredAt()).isEqualTo(at(11));
        assertThat(honoured.honouredBy()).isEqualTo("worker on night-box");
        assertThat(honoured.outcome()).isEqualTo("paused after batch 7");
        assertThat(honoured.kind()).isEqualTo(ControlRequest.Kind.PAUSE);
        assertThat(j.requests().ofRuns(List.of("run-1")).get(1).batchSize()).isEqualTo(500);
        assertThat(j.requests().ofRuns(List.of("run-1", "run-2", "run-9"))).hasSize(4);
    }

    @Test
    void eventsComeBackInTimeOrderWithTheirFieldsAndOnceEach() {
        Journal j = journal();
        Document data = new Document("state", "PAUSED").append("reason", "paused by dba — “night” batch")
                .append("observed", 0.0125).append("attempt", 3).append("big", 9_000_000_000L)
                .append("key", new ObjectId("65f1c0ffee0000000000abcd"));
        EventRecord paused = new EventRecord("e-2", "run-1", "p", at(20), "state", data, "dba", "night-box");
        EventRecord started = new EventRecord("e-1", "run-1", "p", at(10), "started", new Document("total", 1000L),
                "dba", "night-box");
        EventRecord other = new EventRecord("e-3", "run-2", "p", at(15), "state", new Document(), "x", "y");
        j.events().append(List.of(paused, started, other));
        j.events().append(List.of(paused)); // written again after a failure that had got it through
        assertThat(j.events().since("run-1", Instant.EPOCH, 10)).containsExactly(started, paused);
        assertThat(j.events().since("run-1", at(11), 10)).containsExactly(paused);
        assertThat(j.events().since("run-1", Instant.EPOCH, 1)).containsExactly(started);
        assertThat(j.events().ofRuns(List.of("run-1", "run-2"), Set.of("state"))).containsExactly(other, paused);
        assertThat(j.events().since("run-1", at(11), 10).get(0).data().keySet()).containsExactly("state", "reason",
                "observed", "attempt", "big", "key");
    }

    @Test
    void workersRegisterBeatAndEnd() {
        Journal j = journal();
        j.workers().register(new WorkerRecord("w-1", "p", null, "run", "night-box", 4242, "dba",
                "/home/dba/.ferry/logs/workers/p-run.log", at(0), at(0), null, ""));
        j.workers().register(new WorkerRecord("w-2", "p", "run-0", "rollback", "laptop", 7, "lead", null, at(30),
                at(30), null, ""));
        assertThat(j.workers().ofRun("run-1")).isEmpty();
        j.workers().describe("w-1", "run-1");
        j.workers().heartbeat("w-1", at(4));
        assertThat(j.workers().ofRun("run-1")).singleElement().satisfies(w -> {
            assertThat(w.pid()).isEqualTo(4242);
            assertThat(w.heartbeatAt()).isEqualTo(at(4));
            assertThat(w.endedAt()).isNull();
            assertThat(w.log()).isEqualTo("/home/dba/.ferry/logs/workers/p-run.log");
        });
        j.workers().ended("w-1", at(9), "completed");
        WorkerRecord ended = j.workers().ofRun("run-1").get(0);
        assertThat(ended.endedAt()).isEqualTo(at(9));
        assertThat(ended.outcome()).isEqualTo("completed");
        assertThat(j.workers().ofPlan("p", Instant.EPOCH)).extracting(WorkerRecord::id).containsExactly("w-2", "w-1");
        assertThat(j.workers().ofPlan("p", at(10))).extracting(WorkerRecord::id).containsExactly("w-2");
    }

    // Target keys

    @Test
    void whoWroteEachTargetKeyIsKeptPerRunAndTargetWithKeysOfEveryType() {
        Journal j = journal();
        assertThat(j.targetKeys().writtenBy("run-1", "accounts", keys())).isEmpty();
        List<KeyWriter> writers = new ArrayList<>();
        List<Object> sources = new ArrayList<>(keys());
        java.util.Collections.reverse(sources);
        for (int i = 0; i < keys().size(); i++) {
            writers.add(new KeyWriter(keys().get(i), sources.get(i), 3));
        }
        j.targetKeys().record("run-1", "accounts", writers);
        j.targetKeys().record("run-1", "accounts", writers); // the batch replayed
        j.targetKeys().record("run-2", "accounts", List.of(new KeyWriter("ACC-1", "other", 1)));
        j.targetKeys().record("run-1", "public.Accounts", List.of(new KeyWriter("ACC-1", new ObjectId(), 1)));

        List<Object> asked = new ArrayList<>(keys());
        asked.add("ACC-1");
        asked.add("never written");
        var found = j.targetKeys().writtenBy("run-1", "accounts", asked);
        assertThat(found).hasSize(keys().size());
        for (KeyWriter w : writers) {
            KeyWriter back = found.get(dev.ferry.store.SourceKeys.identity(w.key()));
            assertThat(back).as("key %s", w.key()).isEqualTo(w);
            assertThat(back.key()).isExactlyInstanceOf(w.key().getClass());
            assertThat(back.sourceKey()).isExactlyInstanceOf(w.sourceKey().getClass());
        }
        assertThat(j.targetKeys().writtenBy("run-1", "accounts", List.of(42L, 42.0)))
                .as("42, 42L and 42.0 are one key to the database").containsOnlyKeys(
                        dev.ferry.store.SourceKeys.identity(42));
        assertThat(j.targetKeys().writtenBy("run-2", "accounts", asked)).containsOnlyKeys("ACC-1");
        assertThat(j.targetKeys().writtenBy("run-1", "public.Accounts", asked)).containsOnlyKeys("ACC-1");
    }

    @Test
    void theFirstClaimOfAKeyIsKeptAndItsOwnReplayTakesTheNewBatch() {
        Journal j = journal();
        j.targetKeys().record("run-1", "accounts", List.of(new KeyWriter("ACC-7", 101, 2)));
        j.targetKeys().record("run-1", "accounts", List.of(new KeyWriter("ACC-7", 202, 2), // another range, later
                new KeyWriter("ACC-8", 202, 2)));
        var held = j.targetKeys().writtenBy("run-1", "accounts", List.of("ACC-7", "ACC-8"));
        assertThat(held.get("ACC-7")).isEqualTo(new KeyWriter("ACC-7", 101, 2));
        assertThat(held.get("ACC-8")).as("the rest of the claim is kept").isEqualTo(new KeyWriter("ACC-8", 202, 2));
        j.targetKeys().record("run-1", "accounts", List.of(new KeyWriter("ACC-7", 101, 5))); // its batch replayed
        assertThat(j.targetKeys().writtenBy("run-1", "accounts", List.of("ACC-7")).get("ACC-7").batch()).isEqualTo(5);
    }

    // Dry runs

    @Test
    void theLatestDryRunOfAPlanVersionIsFound() {
        Journal j = journal();
        j.dryRuns().record(new DryRunRecord("p", "h1", at(0), 1000, 3, 12_000, 4_000_000));
        j.dryRuns().record(new DryRunRecord("p", "h1", at(60), 1001, 2, 11_000, 4_000_100));
        j.dryRuns().record(new DryRunRecord("p", "h2", at(120), 5, 0, 10, 100));
        assertThat(j.dryRuns().latest("p", "h1")).contains(new DryRunRecord("p", "h1", at(60), 1001, 2, 11_000,
                4_000_100));
        assertThat(j.dryRuns().latest("p", "h3")).isEmpty();
        assertThat(j.dryRuns().latest("q", "h1")).isEmpty();
    }

    @Test
    void aScratchJournalIsGoneOnceClosed() {
        Journal j = journal();
        try (ScratchJournal scratch = j.scratch()) {
            scratch.prepare();
            scratch.runs().insert(run("run-s", "p", "me#1", at(0)));
            assertThat(scratch.runs().find("run-s")).isPresent();
            assertThat(j.runs().find("run-s")).isEmpty();
        }
        assertThat(j.runs().newestFirst(null, 10)).isEmpty();
        assertThat(j.location()).contains(j.databaseName());
    }
}
