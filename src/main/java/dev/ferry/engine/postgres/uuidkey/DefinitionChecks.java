package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.engine.CheckResult;
import dev.ferry.engine.CheckResult.CheckStatus;
import dev.ferry.store.postgres.TableAttachments;
import dev.ferry.store.postgres.TableDefinition;
import dev.ferry.store.postgres.TableInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * validate_migration's proof that each converted table is the same table as its original: its definition equals the
 * one kept at the swap apart from the converted columns' types, and the original's owner and every role that had a
 * privilege on it (or on one of its columns) has it on the converted table. Both read the catalog, so they say the
 * same whichever role Ferry connects as.
 */
final class DefinitionChecks {

    private final ConversionSession session;
    private final String runId;

    DefinitionChecks(ConversionSession session, String runId) {
        this.session = session;
        this.runId = runId;
    }

    /** {@code allConverted}: every converted column's name, of all the tables (a policy may shed their text casts). */
    CheckResult definition(ConvertedTable t, TableInfo now, java.util.Set<String> allConverted) throws SQLException {
        Instant t0 = Instant.now();
        String name = t.display() + " definition";
        Optional<String> kept = session.journal.batches().definition(runId, t.table().schema(), t.name());
        if (kept.isEmpty()) {
            return new CheckResult(name, "catalog", CheckStatus.COULD_NOT_CHECK, 0, 0, 0, "run " + runId + " was"
                    + " converted by a version of Ferry that kept no definition to compare with", List.of(), List.of(),
                    Duration.between(t0, Instant.now()));
        }
        List<String> before = DefinitionJson.read(kept.get());
        List<String> differences = DefinitionDifferences.between(before, new TableDefinition(session.connection)
                .read(now.oid()), t.columns(), allConverted);
        boolean ok = differences.isEmpty();
        return new CheckResult(name, "catalog", ok ? CheckStatus.PASSED : CheckStatus.FAILED, before.size(),
                before.size(), differences.size(), ok ? "the same as before the conversion apart from the types of "
                + String.join(", ", t.columns()) + " (" + before.size() + " properties compared)"
                : differences.size() + " difference(s) from before the conversion", ok ? List.of("compared: owner,"
                + " options, row security, privileges, columns, constraints, indexes, policies, triggers, rules,"
                + " statistics, publications, sequences, comments") : differences, differences.stream()
                .map(DefinitionChecks::what).distinct().toList(), Duration.between(t0, Instant.now()));
    }

    /** The backup (the original, untouched) says who owned the table and who could do what with it. */
    CheckResult privileges(ConvertedTable t, TableInfo now) throws SQLException {
        Instant t0 = Instant.now();
        Connection c = session.connection;
        TableAttachments original = TableAttachments.read(c, t.table().oid());
        List<String> evidence = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        String owner = now.owner();
        evidence.add("owner " + owner + " (before " + original.owner() + ")");
        if (!owner.equals(original.owner())) {
            missing.add("owner is " + owner + ", was " + original.owner());
        }
        int checked = 1;
        for (TableAttachments.Grant g : original.grants()) {
            checked++;
            if (!has(c, g.grantee(), "has_table_privilege(%s, ?::oid, ?)", now.oid(), null, g.privilege())) {
                missing.add(g.grantee() + " lacks " + g.privilege() + " on " + t.display());
            }
        }
        for (TableAttachments.ColumnAttachment col : original.columns()) {
            for (TableAttachments.Grant g : col.grants()) {
                checked++;
                if (!has(c, g.grantee(), "has_column_privilege(%s, ?::oid, ?, ?)", now.oid(), col.name(),
                        g.privilege())) {
                    missing.add(g.grantee() + " lacks " + g.privilege() + " on " + t.display() + "." + col.name());
                }
            }
        }
        original.grants().stream().map(TableAttachments.Grant::grantee).distinct().forEach(role -> evidence.add(role
                + ": " + String.join(", ", original.grants().stream().filter(g -> g.grantee().equals(role))
                .map(TableAttachments.Grant::privilege).toList())));
        boolean ok = missing.isEmpty();
        return new CheckResult(t.display() + " owner and privileges", "catalog", ok ? CheckStatus.PASSED
                : CheckStatus.FAILED, checked, checked, missing.size(), ok ? "owner " + owner + " and every role's"
                + " privileges as before" : missing.size() + " owner or privilege(s) lost", evidence, missing,
                Duration.between(t0, Instant.now()));
    }

    /** "missing: policy p: …" → "policy p": what differs, named. */
    private static String what(String difference) {
        String line = difference.substring(difference.indexOf(": ") + 2);
        int colon = line.indexOf(": ");
        return colon < 0 ? line : line.substring(0, colon);
    }

    /** Whether {@code role} (PUBLIC: everyone, so any role without rights of its own) holds the privilege now. */
    private static boolean has(Connection c, String role, String function, long oid, String column, String privilege)
            throws SQLException {
        if ("PUBLIC".equals(role)) {
            try (PreparedStatement s = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM aclexplode((SELECT " + (column
                    == null ? "relacl FROM pg_class WHERE oid = ?" : "attacl FROM pg_attribute WHERE attrelid = ? AND"
                    + " attname = ?") + ")) x WHERE x.grantee = 0 AND x.privilege_type = ?)")) {
                s.setLong(1, oid);
                if (column != null) {
                    s.setString(2, column);
                }
                s.setString(column == null ? 2 : 3, privilege);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getBoolean(1);
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT " + function.formatted("?"))) {
            s.setString(1, role);
            s.setLong(2, oid);
            if (column != null) {
                s.setString(3, column);
            }
            s.setString(column == null ? 3 : 4, privilege);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }
}
