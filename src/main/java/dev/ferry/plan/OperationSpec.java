package dev.ferry.plan;

import java.util.Map;
import org.bson.Document;

/**
 * One operation of a versioned migration file, as written: what to change, where, and the line it stands on (so an
 * error at run time can still point into the file). The engine turns each into an operation that applies and undoes
 * itself. Every kind today works on MongoDB; a PostgreSQL kind would be one more record here and one more binder.
 */
public sealed interface OperationSpec {

    /** The name of the operation as written in a file: {@code add_field}, {@code create_index}, … */
    String kind();

    int line();

    /** True when Ferry can derive the down of this operation from what its up recorded. */
    default boolean derivableDown() {
        return true;
    }

    /** Sets {@code field} to {@code value} on every document of {@code collection} that lacks it. */
    record AddField(String collection, String field, Object value, int line) implements OperationSpec {
        @Override
        public String kind() {
            return "add_field";
        }
    }

    /**
     * Creates an index; {@code keys} keeps the order written (compound), 1 ascending, -1 descending.
     *
     * @param name the index name; null for MongoDB's default ({@code user_id_1_status_1})
     */
    record CreateIndex(String collection, Document keys, String name, boolean unique, int line)
            implements OperationSpec {
        @Override
        public String kind() {
            return "create_index";
        }
    }

    /**
     * Writes into {@code field} of each document of {@code collection} the {@code value} field of the one document in
     * {@code from} whose {@code match} field equals this document's {@code localField}.
     *
     * @param onlyMissing leave documents whose field already holds a non-null value alone
     */
    record BackfillLink(String collection, String field, String from, String fromField, String localField,
                        String value, Document filter, boolean onlyMissing, int line) implements OperationSpec {
        @Override
        public String kind() {
            return "backfill_link";
        }
    }

    /** A database command run as given; Ferry cannot know what undoes it, so its file must give a {@code down}. */
    record Command(Document command, int line) implements OperationSpec {
        @Override
        public String kind() {
            return "command";
        }

        @Override
        public boolean derivableDown() {
            return false;
        }
    }

    /** The operation kinds a file may name, for "did you mean" hints. */
    Map<String, String> KINDS = Map.of(
            "add_field", "add a field with a default to every document of a collection",
            "create_index", "create an index (compound and descending keys allowed)",
            "backfill_link", "copy a linked document's field into each document",
            "command", "run a database command (needs an explicit down)");
}
