package dev.ferry.store.journal;

import java.time.Instant;
import org.bson.Document;

/**
 * Something a screen shows about a run, as its worker journalled it: a state change, a guardrail breach, waiting for
 * the database, a quarantined record, undo progress, new settings, a validation. Batches are in {@link Batches}.
 *
 * @param id       unique (chosen by the writer), so a reader that reads a stretch twice can tell
 * @param type     what happened ({@code state}, {@code guardrail}, …): the engine's own names
 * @param data     its fields, any BSON values
 * @param operator who the writing process runs as; {@code host} where
 */
public record EventRecord(String id, String runId, String plan, Instant at, String type, Document data,
                          String operator, String host) {

    public EventRecord {
        data = data == null ? new Document() : data;
    }
}
