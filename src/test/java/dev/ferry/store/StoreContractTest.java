package dev.ferry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The contract every store's {@link SourceReader} and {@link TargetWriter} keep, run against real servers: keyset
 * pages in key order from any key, stable checksums, idempotent upserts by {@code _id}, an undo that is saved
 * before the write is visible and restores the target exactly, and never deletes a record changed since. One
 * subclass per store supplies its source records and target (as mongo-java-server's AbstractBackendTest does).
 *
 * <p>The source has 25 records keyed {@code k} = 1..25 with {@code name} and {@code amount}; the target takes
 * documents {@code {_id: int, name: string, n: long}}.
 */
public abstract class StoreContractTest {

    /** Creates the source with these records (inserted in the given order). */
    protected abstract void createSource(List<Document> records);

    protected abstract SourceReader reader(Object afterKey, int batchSize);

    /** Changes one source record's name behind the reader's back. */
    protected abstract void changeSource(int key, String name);

    /** Creates the empty target and returns a writer for it. */
    protected abstract TargetWriter createTarget();

    /** Changes one stored target record's name, as another process would. */
    protected abstract void changeTarget(int id, String name);

    private static List<Document> records() {
        List<Document> out = new ArrayList<>();
        for (int k = 1; k <= 25; k++) {
            out.add(new Document("k", k).append("name", "name " + k).append("amount", (long) k * 100));
        }
        Collections.shuffle(out, new Random(7));
        return out;
    }

    protected static Document doc(int id, String name, long n) {
        return new Document("_id", id).append("name", name).append("n", n);
    }

    // Source reader

    @Test
    void pagesInKeyOrderWithoutOverlapOrGap() {
        createSource(records());
        List<Object> keys = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        try (SourceReader reader = reader(null, 10)) {
            assertThat(reader.count()).isEqualTo(25);
            List<Document> batch;
            while (!(batch = reader.next()).isEmpty()) {
                sizes.add(batch.size());
                batch.forEach(d -> keys.add(((Number) d.get(reader.key())).intValue()));
                assertThat(reader.lastBatchSizes()).hasSize(batch.size()).allMatch(s -> s > 0);
            }
        }
        assertThat(sizes).containsExactly(10, 10, 5);
        assertThat(keys).isEqualTo(java.util.stream.IntStream.rangeClosed(1, 25).boxed().toList());
    }

    @Test
    void resumesAfterAKeyAndFirstDoesNotMoveTheReader() {
        createSource(records());
        try (SourceReader reader = reader(12, 100)) {
            assertThat(reader.first(3)).extracting(d -> ((Number) d.get(reader.key())).intValue())
                    .containsExactly(1, 2, 3);
            List<Document> rest = reader.next();
            assertThat(rest).extracting(d -> ((Number) d.get(reader.key())).intValue())
                    .isEqualTo(java.util.stream.IntStream.rangeClosed(13, 25).boxed().toList());
            assertThat(rest.get(0).get("name")).isEqualTo("name 13");
            assertThat(reader.next()).isEmpty();
            reader.refuseUnpageableKeys();
        }
    }

    @Test
    void batchChecksumsAddUpToTheChecksumUpToTheLastKeyAndSeeAChange() {
        createSource(records());
        DocumentChecksum.Sum read = DocumentChecksum.Sum.EMPTY;
        Object lastKey = null;
        try (SourceReader reader = reader(null, 7)) {
            for (int i = 0; i < 2; i++) {
                List<Document> batch = reader.next();
                read = read.plus(reader.lastBatchSum());
                lastKey = batch.get(batch.size() - 1).get(reader.key());
            }
            assertThat(reader.checksumUpTo(lastKey)).isEqualTo(read);
            assertThat(read.count()).isEqualTo(14);
            changeSource(20, "beyond the last key");
            assertThat(reader.checksumUpTo(lastKey)).isEqualTo(read);
            changeSource(3, "changed");
            assertThat(reader.checksumUpTo(lastKey)).isNotEqualTo(read);
        }
    }

    // Target writer

    /** Keeps what a writer asked to save, as the undo log would. */
    private static final class SavedUndo implements TargetWriter.UndoRecorder {
        List<Object> inserted = List.of();
        List<Integer> hashes = List.of();
        List<Object> replaced = List.of();
        Map<Object, Document> preImages = new HashMap<>();
        int saves;

        @Override
        public void save(List<Object> inserted, List<Integer> hashes, List<Object> replaced,
                         Map<Object, Document> preImages) {
            this.inserted = List.copyOf(inserted);
            this.hashes = List.copyOf(hashes);
            this.replaced = List.copyOf(replaced);
            preImages.forEach((k, v) -> this.preImages.put(SourceKeys.identity(k), v));
            saves++;
        }

        TargetWriter.Undone undo(TargetWriter writer) {
            return writer.undo(inserted, hashes, replaced, preImages);
        }
    }

    private static TargetWriter.Outcome write(TargetWriter writer, List<Document> docs, SavedUndo undo) {
        return writer.write(docs, false, undo, () -> { }, TargetWriter.Phases.NONE);
    }

    @Test
    void insertsNewKeysReplacesChangedOnesAndLeavesIdenticalOnesAlone() {
        try (TargetWriter writer = createTarget()) {
            write(writer, List.of(doc(1, "a", 1), doc(2, "b", 2)), new SavedUndo());
            SavedUndo undo = new SavedUndo();
            TargetWriter.Outcome outcome = write(writer, List.of(doc(1, "a", 1), doc(2, "b changed", 2),
                    doc(3, "c", 3)), undo);
            assertThat(outcome).isEqualTo(new TargetWriter.Outcome(1, 1, 1));
            assertThat(undo.inserted).containsExactly(3);
            assertThat(undo.hashes).hasSize(1);
            assertThat(undo.replaced).containsExactly(2);
            assertThat(undo.preImages).containsOnlyKeys(SourceKeys.identity(2));
            assertThat(writer.count()).isEqualTo(3);
            Map<Object, Document> stored = writer.stored(List.of(1, 2, 3, 4));
            assertThat(stored).containsOnlyKeys(SourceKeys.identity(1), SourceKeys.identity(2), SourceKeys.identity(3));
            assertThat(stored.get(SourceKeys.identity(2))).isEqualTo(writer.comparable(doc(2, "b changed", 2)));
            assertThat(stored.get(SourceKeys.identity(3))).isNotEqualTo(writer.comparable(doc(3, "c", 4)));
        }
    }

    @Test
    void aReplayedBatchChangesNothing() {
        try (TargetWriter writer = createTarget()) {
            List<Document> batch = List.of(doc(1, "a", 1), doc(2, "b", 2), doc(3, "c", 3));
            assertThat(write(writer, batch, new SavedUndo())).isEqualTo(new TargetWriter.Outcome(3, 0, 0));
            DocumentChecksum.Sum once = writer.checksum();
            SavedUndo replay = new SavedUndo();
            assertThat(write(writer, batch, replay)).isEqualTo(new TargetWriter.Outcome(0, 0, 3));
            assertThat(replay.inserted).isEmpty();
            assertThat(replay.replaced).isEmpty();
            assertThat(writer.checksum()).isEqualTo(once);
        }
    }

    @Test
    void undoPutsTheTargetBackExactly() {
        try (TargetWriter writer = createTarget()) {
            write(writer, List.of(doc(1, "a", 1), doc(2, "b", 2)), new SavedUndo());
            DocumentChecksum.Sum before = writer.checksum();
            SavedUndo undo = new SavedUndo();
            write(writer, List.of(doc(2, "b changed", 20), doc(3, "c", 3), doc(4, "d", 4)), undo);
            assertThat(writer.checksum()).isNotEqualTo(before);
            TargetWriter.Undone undone = undo.undo(writer);
            assertThat(undone).isEqualTo(new TargetWriter.Undone(2, 1, 0));
            assertThat(writer.checksum()).isEqualTo(before);
            assertThat(undo.undo(writer)).isEqualTo(new TargetWriter.Undone(0, 1, 0)); // again: nothing left to delete
            assertThat(writer.checksum()).isEqualTo(before);
        }
    }

    @Test
    void undoKeepsAnInsertedRecordThatWasChangedSince() {
        try (TargetWriter writer = createTarget()) {
            SavedUndo undo = new SavedUndo();
            write(writer, List.of(doc(1, "a", 1), doc(2, "b", 2)), undo);
            changeTarget(2, "someone else's now");
            assertThat(undo.undo(writer)).isEqualTo(new TargetWriter.Undone(1, 0, 1));
            assertThat(writer.count()).isEqualTo(1);
            assertThat(writer.stored(List.of(2))).hasSize(1);
        }
    }

    @Test
    void nothingIsWrittenWhenTheUndoCannotBeSaved() {
        try (TargetWriter writer = createTarget()) {
            write(writer, List.of(doc(1, "a", 1)), new SavedUndo());
            DocumentChecksum.Sum before = writer.checksum();
            TargetWriter.UndoRecorder refused = (i, h, r, p) -> {
                throw new IllegalStateException("lease lost");
            };
            assertThatThrownBy(() -> writer.write(List.of(doc(1, "changed", 1), doc(2, "b", 2)), false, refused,
                    () -> { }, TargetWriter.Phases.NONE)).hasMessageContaining("lease lost");
            assertThat(writer.checksum()).isEqualTo(before);
        }
    }

    @Test
    void aFittingDocumentHasNoRefusals() {
        try (TargetWriter writer = createTarget()) {
            assertThat(writer.refusals(doc(1, "a", 1))).isEmpty();
            assertThat(writer.isEmpty()).isTrue();
        }
    }
}
