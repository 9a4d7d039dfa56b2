package dev.ferry.store;

import java.util.List;
import org.bson.Document;

/**
 * Reads the related records of one embed rule for a whole batch in one query: the records of a table or collection
 * whose match fields hold one of the given value tuples, in the relation's order (its {@code order_by}, then its key,
 * so the same records always come in the same order). One implementation per store ({@code PostgresRelatedRows},
 * {@code MongoRelatedDocuments}).
 */
public interface RelatedReader extends AutoCloseable {

    /** The related table or collection, for messages. */
    String name();

    /** The related record's fields that are matched, in the order of each key tuple's values. */
    List<String> relatedFields();

    /** The fields of the record it hangs from whose values those equal, in the same order. */
    List<String> localFields();

    /** The related records whose match fields equal one of these tuples, in order; one query. */
    List<Document> read(List<List<Object>> keys);

    @Override
    void close();
}
