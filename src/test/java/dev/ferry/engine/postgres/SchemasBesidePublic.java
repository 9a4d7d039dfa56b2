package dev.ferry.engine.postgres;

import java.sql.SQLException;

/**
 * A database with user tables outside {@code public} for the assess tests: {@code "Billing Data"."Invoices"} (mixed
 * case and a space, with a foreign key into public.users) and {@code crm.contacts}; beside them what assess leaves
 * out: Ferry's journal and migration_log (one of each in a non-public schema) and the conversion's backup schema.
 */
public final class SchemasBesidePublic {

    private SchemasBesidePublic() {
    }

    public static void create(String url) throws SQLException {
        Runbook002Schema.execute(url, """
                CREATE TABLE users (id integer PRIMARY KEY, name text);
                INSERT INTO users SELECT i, 'user ' || i FROM generate_series(1, 40) i;
                CREATE SCHEMA "Billing Data";
                CREATE TABLE "Billing Data"."Invoices" (id integer PRIMARY KEY,
                  "User Id" integer NOT NULL REFERENCES users (id), "Amount Due" numeric);
                INSERT INTO "Billing Data"."Invoices" SELECT i, 1 + i % 40, i * 1.5 FROM generate_series(1, 120) i;
                CREATE SCHEMA crm;
                CREATE TABLE crm.contacts (id integer PRIMARY KEY, email text);
                INSERT INTO crm.contacts SELECT i, 'c' || i || '@example.com' FROM generate_series(1, 7) i;
                CREATE TABLE ferry_pg_runs (run_id text PRIMARY KEY);
                CREATE TABLE "Billing Data".migration_log (id integer PRIMARY KEY);
                CREATE SCHEMA migration_backup;
                CREATE TABLE migration_backup.users (id varchar(36) PRIMARY KEY);
                """);
    }
}
