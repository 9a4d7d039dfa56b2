package dev.ferry.store.journal;

/**
 * A table, collection or index a run created because its plan asked for it and it did not exist, kept on the run's
 * record so that the run's rollback drops exactly it, and only it.
 *
 * @param target     the table or collection (for an index, the one it is on)
 * @param name       the table's or collection's name, or the index's
 * @param definition what was executed: the DDL, or the index's keys and options
 */
public record CreatedObject(Kind kind, String target, String name, String definition, State state) {

    public enum Kind { TABLE, TABLE_INDEX, COLLECTION, COLLECTION_INDEX }

    /** Recorded before it is made (so a crash in between is seen), marked made, then dropped by a rollback. */
    public enum State { CREATING, CREATED, DROPPED }

    public CreatedObject in(State now) {
        return new CreatedObject(kind, target, name, definition, now);
    }

    /** For people: {@code table public.reviews}, {@code index email_1 on customers}. */
    public String describe() {
        return switch (kind) {
            case TABLE -> "table " + name;
            case COLLECTION -> "collection " + name;
            case TABLE_INDEX, COLLECTION_INDEX -> "index " + name + " on " + target;
        };
    }
}
