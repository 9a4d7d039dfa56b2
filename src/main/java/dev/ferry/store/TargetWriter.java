package dev.ferry.store;

import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Writes batches of mapped documents to one migration target, idempotently (an upsert on the document's
 * {@code _id}) and undoably: what undoes a write is handed to an {@link UndoRecorder} before the write can be seen,
 * and {@link #undo} reverses it. One implementation per store ({@code MongoTargetWriter}, {@code
 * PostgresTargetWriter}); both pass {@code TargetWriterContractTest}.
 */
public interface TargetWriter extends AutoCloseable {

    /** The target's name as the plan gives it. */
    String name();

    /**
     * Why this document cannot be stored in the target (a value that does not fit its column, a document over the
     * size limit), one reason per field; empty when it fits. Records with reasons are quarantined, never written.
     */
    List<String> refusals(Document doc);

    /**
     * Writes one batch. Documents already stored identically are left alone; new keys are inserted and existing ones
     * replaced, after {@code undo} has saved the inserted keys (with content hashes) and the pre-images.
     *
     * @param targetWasEmpty the target held nothing when the run began, so existence lookups may be skipped
     */
    Outcome write(List<Document> docs, boolean targetWasEmpty, UndoRecorder undo, Fence fence, Phases phases);

    /**
     * Undoes what a batch did: deletes the inserted keys that still hold what was written (one changed since is
     * kept and counted), and restores the pre-images of the replaced ones. Idempotent.
     */
    Undone undo(List<Object> inserted, List<Integer> insertedHashes, List<Object> replaced,
                Map<Object, Document> preImages);

    /** An order-independent checksum of everything the target holds (taken before a run, verified after a rollback). */
    DocumentChecksum.Sum checksum();

    long count();

    /**
     * The stored records with these ids, keyed by {@link SourceKeys#identity} of the id, in the form
     * {@link #comparable} gives: what validation compares, record by record.
     */
    Map<Object, Document> stored(List<Object> ids);

    /** A mapped document in the form {@link #stored} returns it once written (types as the target keeps them). */
    Document comparable(Document mapped);

    /** True when the target holds nothing. */
    default boolean isEmpty() {
        return count() == 0;
    }

    /** True when the target exists (a collection is created by its first write; a table must exist). */
    boolean exists();

    /** What one batch did. */
    record Outcome(long inserted, long replaced, long unchanged) {
        public long written() {
            return inserted + replaced + unchanged;
        }
    }

    /** @param kept inserted records left in place because they changed since the run wrote them */
    record Undone(long deleted, long restored, long kept) { }

    /**
     * Saves the undo entry of the batch being written: the keys inserted (with their content hashes) and replaced,
     * and the pre-images of the replaced ones, keyed by the same key values. May be called again for the same batch
     * with a corrected entry (a key another writer took in between). Throws when this process lost the run.
     */
    @FunctionalInterface
    interface UndoRecorder {
        void save(List<Object> inserted, List<Integer> insertedHashes, List<Object> replaced,
                  Map<Object, Document> preImages);
    }

    /** Stops a write when this process no longer holds the run's lease (throws). */
    @FunctionalInterface
    interface Fence {
        void check();
    }

    /** Times the phases of a write (lookups, undo log, writes) for the run's time-per-phase line. */
    @FunctionalInterface
    interface Phases {
        Lap time(String phase);

        Phases NONE = phase -> () -> { };
    }

    @FunctionalInterface
    interface Lap extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    void close();
}
