package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.store.Secrets;
import dev.ferry.store.postgres.IndexInfo;
import dev.ferry.store.postgres.ServerMessage;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server message about Ferry's working copies, in the application's names: {@code ferry_new_18385} becomes "the
 * converted copy of journal_entries", {@code ferry_ix_18390} the index it stands for. Without its hint, redacted.
 */
final class ShadowNames {

    private static final Pattern INTERNAL = Pattern.compile("\"?\\b(?:[A-Za-z0-9_]+\\.)?(ferry_(?:new|ix|st)_(\\d+))\\b\"?");

    private final ConversionLayout layout;

    /** {@code layout} null: the tables are not known yet; internal names still do not show. */
    ShadowNames(ConversionLayout layout) {
        this.layout = layout;
    }

    String of(SQLException e) {
        return of(ServerMessage.of(e));
    }

    String of(String message) {
        Matcher m = INTERNAL.matcher(Secrets.redact(message));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(name(m.group(1), Long.parseLong(m.group(2)))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String name(String internal, long oid) {
        if (layout != null) {
            for (ConvertedTable t : layout.tables()) {
                if (internal.startsWith("ferry_new_") && t.table().oid() == oid) {
                    return "the converted copy of " + t.display();
                }
                for (IndexInfo i : t.indexes()) {
                    if (internal.startsWith("ferry_ix_") && i.oid() == oid) {
                        return (i.constraint() != null ? i.constraint() : i.name()) + " (on the converted copy of "
                                + t.display() + ")";
                    }
                }
                for (ConvertedTable.Statistics s : t.statistics()) {
                    if (internal.startsWith("ferry_st_") && s.oid() == oid) {
                        return s.name() + " (on the converted copy of " + t.display() + ")";
                    }
                }
            }
        }
        return internal.startsWith("ferry_new_") ? "a converted copy" : "an index of a converted copy";
    }
}
