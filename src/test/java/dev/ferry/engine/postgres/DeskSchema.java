package dev.ferry.engine.postgres;

import java.sql.SQLException;

/**
 * A help desk application's schema, written for these tests with what real application schemas have: UUID text keys
 * ({@code accounts.id varchar(36) DEFAULT gen_random_uuid()::text}) referenced by seven foreign keys, two of them from
 * tables whose composite primary key contains the reference, one NOT VALID, one from the key table itself; tables owned
 * by an application role, with grants to other roles (table, column, with grant option, to PUBLIC); row security with
 * policies, forced on {@code tickets} (whose policy reads {@code accounts}); two publications (one with a column list
 * and a row filter); storage options (fillfactor, autovacuum, TOAST); comments on tables, columns, indexes, constraints
 * and policies; extended statistics and per-column statistics targets; a NOT VALID check that old rows break; a serial
 * column and identity columns in referencing tables; same-named tables in two schemas ({@code events},
 * {@code audit.events}); replica identity FULL; a clustered index; dates kept as text; and {@code sessions.account_id},
 * which holds account ids without a foreign key. Some keys are upper case, as legacy data has.
 */
public final class DeskSchema {

    public static final String PLAN = """
            kind: uuid-key-conversion
            name: desk-accounts-uuid
            table: accounts
            column: id
            batch_size: 500
            """;

    /** The tables the conversion touches (without {@code also:}), as Ferry names them. */
    public static final java.util.List<String> CONVERTED = java.util.List.of("accounts", "account_roles",
            "audit.events", "events", "team_members", "tickets");

    private DeskSchema() {
    }

    /**
     * Creates the schema, owned by {@code owner} (a login role, created if missing, with BYPASSRLS when asked: the
     * forced row security on tickets would hide rows from it otherwise), with {@code accounts} accounts and about six
     * rows per account over the other tables. Run as a superuser.
     */
    public static void create(String url, String owner, boolean bypassRls, int accounts) throws SQLException {
        Runbook002Schema.execute(url, String.format(ROLES, owner) + "ALTER ROLE " + owner + (bypassRls ? " BYPASSRLS"
                : " NOBYPASSRLS") + ";");
        Runbook002Schema.execute(url, String.format(SCHEMA, owner));
        Runbook002Schema.execute(url, String.format(DATA, owner, accounts));
    }

    private static final String ROLES = """
            DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%1$s') THEN CREATE ROLE %1$s LOGIN; END IF;
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'desk_app') THEN CREATE ROLE desk_app LOGIN; END IF;
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'desk_reporting') THEN CREATE ROLE desk_reporting; END IF;
            END $$;
            """;

    private static final String SCHEMA = """
            GRANT CREATE ON SCHEMA public TO %1$s;
            DO $$ BEGIN EXECUTE format('GRANT CREATE ON DATABASE %%I TO %1$s', current_database()); END $$;
            CREATE SCHEMA audit AUTHORIZATION %1$s;
            GRANT USAGE ON SCHEMA audit TO desk_app, desk_reporting;
            SET ROLE %1$s;

            CREATE TABLE teams (id serial PRIMARY KEY, name text NOT NULL UNIQUE);

            CREATE TABLE accounts (
              id varchar(36) PRIMARY KEY DEFAULT gen_random_uuid()::text,
              tenant text NOT NULL,
              email text NOT NULL UNIQUE,
              display_name text,
              invited_by varchar(36) REFERENCES accounts (id) ON DELETE SET NULL,
              created_on text NOT NULL,
              CONSTRAINT accounts_id_not_blank CHECK (id <> '')
            );
            COMMENT ON TABLE accounts IS 'People who sign in; ids come from the old ORM as text';
            COMMENT ON COLUMN accounts.id IS 'a UUID, as text';
            ALTER TABLE accounts ALTER COLUMN tenant SET STATISTICS 400;
            ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
            CREATE POLICY tenant_isolation ON accounts USING (tenant = current_setting('desk.tenant', true));
            CREATE POLICY reporting_reads ON accounts FOR SELECT TO desk_reporting USING (true);
            COMMENT ON POLICY tenant_isolation ON accounts IS 'one tenant per session';
            ALTER TABLE accounts REPLICA IDENTITY FULL;

            CREATE TABLE account_roles (
              account_id varchar(36) NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
              role_name text NOT NULL,
              granted_on text,
              PRIMARY KEY (account_id, role_name)
            );

            CREATE TABLE team_members (
              team_id integer NOT NULL REFERENCES teams (id),
              account_id varchar(36) NOT NULL REFERENCES accounts (id),
              joined_on text,
              PRIMARY KEY (team_id, account_id)
            ) WITH (fillfactor = 90);
            CREATE INDEX team_members_account ON team_members (account_id);

            CREATE TABLE tickets (
              id bigserial PRIMARY KEY,
              requester_id varchar(36) NOT NULL REFERENCES accounts (id),
              assignee_id varchar(36),
              status text NOT NULL DEFAULT 'open',
              subject text NOT NULL,
              opened_on text NOT NULL,
              CONSTRAINT tickets_status_known CHECK (status IN ('open', 'pending', 'closed'))
            ) WITH (fillfactor = 80, autovacuum_vacuum_scale_factor = 0.05, toast.autovacuum_enabled = false);
            ALTER TABLE tickets ADD CONSTRAINT tickets_assignee_fkey FOREIGN KEY (assignee_id) REFERENCES accounts (id) NOT VALID;
            CREATE INDEX tickets_assignee_open ON tickets (assignee_id) WHERE status <> 'closed';
            CREATE INDEX tickets_requester_lower ON tickets (lower(requester_id));
            CREATE STATISTICS tickets_status_assignee (ndistinct, dependencies) ON status, assignee_id FROM tickets;
            ALTER TABLE tickets ALTER COLUMN status SET STATISTICS 500;
            ALTER TABLE tickets ALTER COLUMN subject SET (n_distinct = -0.5);
            ALTER TABLE tickets CLUSTER ON tickets_pkey;
            ALTER TABLE tickets ENABLE ROW LEVEL SECURITY;
            ALTER TABLE tickets FORCE ROW LEVEL SECURITY;
            CREATE POLICY tickets_of_known_requesters ON tickets USING (requester_id IN (SELECT id FROM accounts));
            COMMENT ON COLUMN tickets.assignee_id IS 'empty until an agent picks it up';
            COMMENT ON INDEX tickets_assignee_open IS 'agents'' queues';
            COMMENT ON CONSTRAINT tickets_assignee_fkey ON tickets IS 'legacy rows predate agents';

            CREATE TABLE sessions (
              id varchar(36) PRIMARY KEY DEFAULT gen_random_uuid()::text,
              account_id varchar(36) NOT NULL,
              user_agent text,
              started_on text NOT NULL
            );
            CREATE INDEX sessions_account ON sessions (account_id);

            CREATE TABLE events (
              id bigint GENERATED ALWAYS AS IDENTITY (START WITH 1000 INCREMENT BY 10) PRIMARY KEY,
              account_id varchar(36) REFERENCES accounts (id),
              kind text NOT NULL,
              at text NOT NULL
            );
            CREATE TABLE audit.events (
              id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
              account_id varchar(36) NOT NULL REFERENCES public.accounts (id),
              action text NOT NULL,
              detail jsonb
            );
            CREATE INDEX events_account ON audit.events (account_id);

            CREATE PUBLICATION desk_changes FOR TABLE accounts, team_members;
            CREATE PUBLICATION desk_ticket_feed FOR TABLE tickets (id, requester_id, status, subject)
              WHERE (status <> 'closed') WITH (publish = 'insert');

            GRANT SELECT, INSERT, UPDATE, DELETE ON teams, accounts, account_roles, team_members, tickets, sessions, events TO desk_app;
            GRANT SELECT, INSERT, UPDATE, DELETE ON audit.events TO desk_app;
            GRANT USAGE ON SEQUENCE teams_id_seq, tickets_id_seq TO desk_app;
            GRANT SELECT ON tickets TO desk_reporting WITH GRANT OPTION;
            GRANT SELECT (id, email, tenant) ON accounts TO desk_reporting;
            GRANT SELECT ON audit.events TO PUBLIC;
            RESET ROLE;
            """;

    private static final String DATA = """
            SET ROLE %1$s;
            INSERT INTO teams (name) SELECT 'team ' || i FROM generate_series(1, 20) i;
            INSERT INTO accounts (id, tenant, email, display_name, created_on)
              SELECT CASE WHEN i %% 97 = 0 THEN upper(md5('a' || i)::uuid::text) ELSE md5('a' || i)::uuid::text END,
                     't' || (i %% 3), 'user' || i || '@example.org', 'User ' || i, to_char(date '2023-01-01' + i %% 700, 'YYYY-MM-DD')
              FROM generate_series(1, %2$d) i;
            UPDATE accounts a SET invited_by = b.id FROM accounts b
              WHERE b.email = 'user' || (substring(a.email from 'user(\\d+)')::int - 1) || '@example.org'
                AND substring(a.email from 'user(\\d+)')::int %% 5 = 0;
            INSERT INTO account_roles SELECT id, r, '2024-01-0' || (1 + length(r) %% 9) FROM accounts, unnest(ARRAY['agent', 'admin']) r
              WHERE r = 'agent' OR email LIKE '%%7@example.org';
            INSERT INTO team_members SELECT 1 + (n %% 20), id, '2024-02-01' FROM (SELECT id, row_number() OVER (ORDER BY email) n FROM accounts) a;
            INSERT INTO tickets (requester_id, assignee_id, status, subject, opened_on)
              SELECT a.id, CASE WHEN k = 1 THEN NULL ELSE b.id END, (ARRAY['open', 'pending', 'closed'])[1 + (a.n + k) %% 3],
                     CASE WHEN a.n %% 50 = 0 THEN repeat('long subject ', 20) ELSE 'Ticket ' || a.n || '-' || k END,
                     to_char(date '2024-01-01' + ((a.n * k) %% 300)::int, 'YYYY-MM-DD')
              FROM (SELECT id, row_number() OVER (ORDER BY email) n FROM accounts) a
              JOIN (SELECT id, row_number() OVER (ORDER BY email) n FROM accounts) b ON b.n = 1 + (a.n * 7) %% %2$d,
              generate_series(1, 2) k;
            ALTER TABLE tickets ADD CONSTRAINT tickets_subject_short CHECK (length(subject) < 200) NOT VALID;
            INSERT INTO sessions (account_id, user_agent, started_on)
              SELECT id, 'agent/' || (n %% 4), '2024-03-0' || (1 + n %% 9) FROM (SELECT id, row_number() OVER (ORDER BY email) n FROM accounts) a WHERE n %% 2 = 0;
            INSERT INTO events (account_id, kind, at)
              SELECT CASE WHEN n %% 10 = 0 THEN NULL ELSE id END, 'login', '2024-04-0' || (1 + n %% 9) FROM (SELECT id, row_number() OVER (ORDER BY email) n FROM accounts) a;
            INSERT INTO audit.events (account_id, action, detail)
              SELECT id, 'changed email', jsonb_build_object('n', n) FROM (SELECT id, row_number() OVER (ORDER BY email) n FROM accounts) a WHERE n %% 3 = 0;
            RESET ROLE;
            ANALYZE;
            """;
}
