package dev.ferry.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * An export of bank accounts as old systems leave them: one record per export line, keyed by ObjectId (a few legacy
 * string ids from the previous system, {@code legacy-000123}), carrying a natural account number that repeats —
 * an account exported twice, dozens or hundreds of lines apart (so in different batches), now and then twice in a
 * row — holders with accents and apostrophes, an opening date kept as text ({@code 13/08/2015}), a branch that is
 * often missing, balances as decimal text. Deterministic for a seed. A plan keyed on the account number must write
 * each account once, from its first line in key order, and quarantine the later lines naming the first.
 */
public final class AccountExport {

    /** Lines of {@link #documents} whose account number repeats an earlier line's this many lines later. */
    public static final int[] REPEAT_AFTER = {1, 3, 57, 120, 333};
    private static final String[] HOLDERS = {"Zoë Müller", "Seán O'Brien", "María José García", "Søren Ødegaard",
            "Jean-Luc Dubois", "Łukasz Nowak", "Ana Silva", "Fatima Al-Sayed"};

    /** One line of the export, in key order, and the line (also in key order) whose account it repeats, or -1. */
    public record Line(Document doc, int repeats) { }

    private AccountExport() {
    }

    /** {@code count} lines in key order: legacy string ids first (MongoDB orders strings before ObjectIds). */
    public static List<Line> lines(long seed, int count) {
        Random random = new Random(seed);
        int legacy = Math.max(1, count / 25);
        List<Line> lines = new ArrayList<>(count);
        long time = 1_600_000_000L;
        for (int i = 0; i < count; i++) {
            int repeats = -1;
            for (int gap : REPEAT_AFTER) {
                if (i >= gap && i % 97 == gap % 97 && lines.get(i - gap).repeats() < 0) {
                    repeats = i - gap;
                    break;
                }
            }
            String account = repeats >= 0 ? lines.get(repeats).doc().getString("account_no")
                    : String.format("ACC-%06d", 100_000 + i * 7);
            Object id = i < legacy ? String.format("legacy-%06d", i) : new ObjectId(new Date((time + i) * 1000), i);
            Document d = new Document("_id", id).append("account_no", account)
                    .append("holder", HOLDERS[random.nextInt(HOLDERS.length)])
                    .append("opened", String.format("%02d/%02d/%d", 1 + random.nextInt(28), 1 + random.nextInt(12),
                            1990 + random.nextInt(30)))
                    .append("balance", String.format("%d.%02d", random.nextInt(90_000), random.nextInt(100)));
            if (random.nextInt(3) > 0) {
                d.append("branch", "BR-" + (10 + random.nextInt(40)));
            }
            lines.add(new Line(d, repeats));
        }
        return lines;
    }

    public static List<Document> documents(long seed, int count) {
        return lines(seed, count).stream().map(Line::doc).toList();
    }

    /** The ids of the lines a run must quarantine: each repeats an account an earlier line (in key order) has. */
    public static Set<Object> repeats(List<Line> lines) {
        Set<Object> out = new LinkedHashSet<>();
        lines.stream().filter(l -> l.repeats() >= 0).forEach(l -> out.add(l.doc().get("_id")));
        return out;
    }

    /** Per account number, the id of the line that must be written for it: its first in key order. */
    public static Map<String, Object> firstLines(List<Line> lines) {
        Map<String, Object> first = new LinkedHashMap<>();
        lines.forEach(l -> first.putIfAbsent(l.doc().getString("account_no"), l.doc().get("_id")));
        return first;
    }

    /**
     * The same export as a PostgreSQL table {@code bank.account_export} (line_no integer key; the ids as text) and an
     * empty target table {@code bank.accounts} keyed by the account number, in the database of {@code adminUrl}.
     */
    public static void createTables(String adminUrl, List<Line> lines) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA bank");
            s.execute("CREATE TABLE bank.account_export (line_no integer PRIMARY KEY, legacy_id text NOT NULL,"
                    + " account_no text NOT NULL, holder text NOT NULL, opened text, branch text, balance text)");
            s.execute("CREATE TABLE bank.accounts (account_no text PRIMARY KEY, holder text NOT NULL, opened date,"
                    + " branch text, balance numeric(12,2))");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO bank.account_export VALUES"
                    + " (?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < lines.size(); i++) {
                    Document d = lines.get(i).doc();
                    insert.setInt(1, i + 1);
                    insert.setString(2, String.valueOf(d.get("_id")));
                    insert.setString(3, d.getString("account_no"));
                    insert.setString(4, d.getString("holder"));
                    insert.setString(5, d.getString("opened"));
                    insert.setString(6, d.getString("branch"));
                    insert.setString(7, d.getString("balance"));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }
}
