package dev.ferry.testing;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A CRM's people, the way such tables look, for {@code plans/people-split.yaml}: schema {@code crm} owned by the role
 * {@code crm_owner} (not a superuser); {@code crm.people} keyed by a natural text code ({@code DE-000123}) with a
 * composite natural key (country, national id), names with accents and apostrophes, birth dates kept as text
 * (ISO mostly; NULL, empty, impossible dates and times of day too), numeric(12,2) salaries, NULL e-mails, timestamps
 * with microseconds; two target tables, one with row-level security and stale rows the run will update. Ferry
 * connects as {@code ferry_operator}, which owns nothing: it has grants on the tables and may create schemas.
 */
public final class PeopleTables {

    public static final Path PLAN = Path.of("plans", "people-split.yaml");
    public static final List<String> TABLES = List.of("crm.people", "crm.person_identity", "crm.person_pay");
    private static final String[] COUNTRIES = {"DE", "FR", "NL", "PL", "ES", "IT", "SE", "PT"};
    private static final String[] FIRST = {"Zoë", "Jan", "María José", "Søren", "Siobhán", "Łukasz", "Ana", "Jean-Luc",
            "Fatima", "Ola"};
    private static final String[] LAST = {"Müller", "O'Brien", "van der Berg", "Nowak", "García Pérez", "Rossi",
            "Andersson", "Silva", "D'Angelo", "Dubois"};

    private PeopleTables() {
    }

    /**
     * Creates the roles (once per server), the schema, tables and {@code people} rows in the database of
     * {@code adminUrl} (a superuser's); returns the JDBC URL that Ferry uses, as {@code ferry_operator}.
     */
    public static String create(String adminUrl, int people, long seed) throws SQLException {
        String database = adminUrl.replaceAll(".*/([^?]+).*", "$1");
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'crm_owner') THEN"
                    + " CREATE ROLE crm_owner LOGIN; END IF; IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname ="
                    + " 'ferry_operator') THEN CREATE ROLE ferry_operator LOGIN; END IF; IF NOT EXISTS (SELECT FROM"
                    + " pg_roles WHERE rolname = 'crm_reader') THEN CREATE ROLE crm_reader; END IF; END $$");
            s.execute("GRANT CREATE ON DATABASE \"" + database + "\" TO ferry_operator"); // for its schema ferry
            s.execute("CREATE SCHEMA crm AUTHORIZATION crm_owner");
            s.execute("SET ROLE crm_owner");
            s.execute("CREATE TABLE crm.people (person_code text PRIMARY KEY, country char(2) NOT NULL,"
                    + " national_id text NOT NULL, full_name text NOT NULL, born text, email text,"
                    + " salary numeric(12,2), currency char(3), updated_at timestamptz NOT NULL DEFAULT now(),"
                    + " UNIQUE (country, national_id))");
            s.execute("CREATE TABLE crm.person_identity (person_code text PRIMARY KEY, country char(2) NOT NULL,"
                    + " national_id text NOT NULL, full_name text NOT NULL, born date,"
                    + " created_at timestamptz NOT NULL DEFAULT now(), UNIQUE (country, national_id))");
            s.execute("CREATE TABLE crm.person_pay (person_code text PRIMARY KEY, salary numeric(12,2)"
                    + " CHECK (salary >= 0), currency char(3), email text, source_updated_at timestamptz)");
            s.execute("ALTER TABLE crm.person_pay ENABLE ROW LEVEL SECURITY");
            s.execute("CREATE POLICY pay_readers ON crm.person_pay FOR SELECT TO crm_reader USING (salary < 100000)");
            s.execute("CREATE POLICY pay_migration ON crm.person_pay TO ferry_operator USING (true) WITH CHECK (true)");
            s.execute("GRANT USAGE ON SCHEMA crm TO ferry_operator, crm_reader");
            s.execute("GRANT SELECT ON crm.people TO ferry_operator, crm_reader");
            s.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON crm.person_identity, crm.person_pay TO ferry_operator");
            s.execute("GRANT SELECT ON crm.person_identity, crm.person_pay TO crm_reader");
            insertPeople(c, people, seed);
            s.execute("RESET ROLE");
            s.execute("ANALYZE");
        }
        return adminUrl.replace("user=postgres", "user=ferry_operator");
    }

    private static void insertPeople(Connection c, int people, long seed) throws SQLException {
        Random random = new Random(seed);
        List<Integer> order = new ArrayList<>();
        for (int i = 1; i <= people; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random); // inserted out of key order, as years of edits leave a heap
        try (PreparedStatement person = c.prepareStatement("INSERT INTO crm.people VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement stale = c.prepareStatement("INSERT INTO crm.person_pay VALUES (?, ?, 'EUR', ?, NULL)")) {
            for (int i : order) {
                String country = COUNTRIES[i % COUNTRIES.length];
                String code = country + "-" + String.format("%06d", i);
                person.setString(1, code);
                person.setString(2, country);
                person.setString(3, String.format("%09d", (i * 7919L) % 1_000_000_000L));
                person.setString(4, FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)]);
                person.setString(5, born(i, random));
                person.setString(6, random.nextInt(10) < 2 ? null : (i % 13 == 0 ? "Person." + i + "@Example.COM"
                        : "person" + i + "@example.com"));
                boolean paid = random.nextInt(10) < 9;
                if (paid) {
                    person.setBigDecimal(7, BigDecimal.valueOf(1_500_00L + random.nextInt(20_000_000), 2));
                    person.setString(8, i % 5 == 0 ? "PLN" : i % 7 == 0 ? "SEK" : "EUR");
                } else {
                    person.setNull(7, Types.NUMERIC);
                    person.setNull(8, Types.CHAR);
                }
                person.setObject(9, OffsetDateTime.of(2025, 1 + i % 12, 1 + i % 28, i % 24, i % 60, i % 59,
                        (int) ((i * 1_001_000L) % 1_000_000_000L), ZoneOffset.UTC));
                person.addBatch();
                if (i % 97 == 0 && validBorn(i)) { // stale pay rows from an earlier import: the run updates them
                    stale.setString(1, code);
                    stale.setBigDecimal(2, new BigDecimal("1000.00"));
                    stale.setString(3, "old" + i + "@example.com");
                    stale.addBatch();
                }
            }
            person.executeBatch();
            stale.executeBatch();
        }
    }

    /** ISO dates mostly; every 40th NULL, 53rd empty, 61st impossible, 71st in day/month/year, 89th with a time. */
    private static String born(int i, Random random) {
        LocalDate date = LocalDate.of(1940 + random.nextInt(65), 1 + random.nextInt(12), 1 + random.nextInt(28));
        if (i % 40 == 0) {
            return null;
        } else if (i % 53 == 0) {
            return "";
        } else if (i % 61 == 0) {
            return date.getYear() + "-02-31";
        } else if (i % 71 == 0) {
            return String.format("%02d/%02d/%d", date.getDayOfMonth(), date.getMonthValue(), date.getYear());
        } else if (i % 89 == 0) {
            return date + "T10:30:00";
        }
        return date.toString();
    }

    private static boolean validBorn(int i) {
        return i % 53 != 0 && i % 61 != 0 && i % 71 != 0 && i % 89 != 0;
    }

    /** How many of the first {@code people} cannot be migrated (their birth date is not a date the column takes). */
    public static long unmigratable(int people) {
        long n = 0;
        for (int i = 1; i <= people; i++) {
            n += i % 40 != 0 && !validBorn(i) ? 1 : 0;
        }
        return n;
    }

    /** Per table, its row count and the md5 of its rows' text in key order: equal means byte-identical rows. */
    public static Map<String, String> checksums(String url) throws SQLException {
        Map<String, String> sums = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url.replace("user=ferry_operator", "user=postgres"));
             Statement s = c.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet r = s.executeQuery("SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, '|'"
                        + " ORDER BY t.person_code), '')) FROM " + table + " t")) {
                    r.next();
                    sums.put(table, r.getString(1));
                }
            }
        }
        return sums;
    }

    /**
     * Per target, the rows as the plan writes them (every column but those the database fills in itself, such as
     * {@code created_at}): equal in two databases that ran the plan on the same people.
     */
    public static Map<String, String> contents(String url) throws SQLException {
        Map<String, String> rows = Map.of("crm.person_identity", "ROW(t.person_code, t.country, t.national_id,"
                + " t.full_name, t.born)", "crm.person_pay", "ROW(t.*)");
        Map<String, String> sums = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url.replace("user=ferry_operator", "user=postgres"));
             Statement s = c.createStatement()) {
            for (String table : List.of("crm.person_identity", "crm.person_pay")) {
                try (ResultSet r = s.executeQuery("SELECT count(*) || ':' || md5(coalesce(string_agg(CAST("
                        + rows.get(table) + " AS text), '|' ORDER BY t.person_code), '')) FROM " + table + " t")) {
                    r.next();
                    sums.put(table, r.getString(1));
                }
            }
        }
        return sums;
    }

    public static String scalar(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url.replace("user=ferry_operator", "user=postgres"));
             Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : null;
        }
    }
}
