package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.store.postgres.IndexInfo;
import dev.ferry.store.postgres.SqlNames;
import dev.ferry.store.postgres.TableAttachments;
import dev.ferry.store.postgres.TableAttachments.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a converted table's shadow needs to be the same table as its original, apart from the converted columns'
 * types, as statements in the order of the conversion: at its creation (columns, defaults, owner, storage options,
 * comment, column statistics, privileges), once its indexes exist (NOT VALID checks, extended statistics, comments,
 * clustered index, replica identity), and at the swap (row security, policies, publications: a policy is made when the
 * tables it reads have their names, and a table joins a publication only when it holds the application's rows).
 */
final class ShadowDefinition {

    private static final Pattern OPTION = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

    private final ConvertedTable t;
    private final TableAttachments a;

    ShadowDefinition(ConvertedTable t, TableAttachments a) {
        this.t = t;
        this.a = a;
    }

    List<CarriedStatement> atCreation() {
        String shadow = t.shadow();
        String display = t.display();
        List<CarriedStatement> out = new ArrayList<>();
        out.add(new CarriedStatement("an earlier copy of " + display, "DROP TABLE IF EXISTS " + shadow));
        out.add(new CarriedStatement("the columns of " + display, "CREATE " + ("u".equals(a.persistence())
                ? "UNLOGGED " : "") + "TABLE " + shadow + " (LIKE " + t.original() + " INCLUDING DEFAULTS INCLUDING"
                + " CONSTRAINTS INCLUDING GENERATED INCLUDING IDENTITY INCLUDING STORAGE INCLUDING COMMENTS INCLUDING"
                + " COMPRESSION)" + (a.tablespace() == null ? "" : " TABLESPACE " + SqlNames.quote(a.tablespace()))));
        for (Named check : a.notValidChecks()) { // enforced on every copied row otherwise; back after the copy
            out.add(new CarriedStatement("the NOT VALID check " + check.name() + " of " + display, "ALTER TABLE "
                    + shadow + " DROP CONSTRAINT " + SqlNames.quote(check.name())));
        }
        for (String column : t.columns()) {
            out.addAll(converted(shadow, column));
        }
        out.add(new CarriedStatement("the owner " + a.owner() + " of " + display, "ALTER TABLE " + shadow + " OWNER TO "
                + SqlNames.quote(a.owner()), "Connect as " + a.owner() + " or as a superuser: Ferry gives the converted"
                + " table the original's owner.", null));
        if (!a.options().isEmpty() || !a.toastOptions().isEmpty()) {
            List<String> options = new ArrayList<>(a.options().stream().map(ShadowDefinition::option).toList());
            a.toastOptions().forEach(o -> options.add("toast." + option(o)));
            out.add(new CarriedStatement("the storage options of " + display, "ALTER TABLE " + shadow + " SET ("
                    + String.join(", ", options) + ")"));
        }
        if (a.comment() != null) {
            out.add(new CarriedStatement("the comment on " + display, "COMMENT ON TABLE " + shadow + " IS "
                    + SqlNames.literal(a.comment())));
        }
        for (TableAttachments.ColumnAttachment c : a.columns()) {
            String column = " ALTER COLUMN " + SqlNames.quote(c.name());
            if (c.statisticsTarget() >= 0) {
                out.add(new CarriedStatement("the statistics target of " + display + "." + c.name(), "ALTER TABLE "
                        + shadow + column + " SET STATISTICS " + c.statisticsTarget()));
            }
            if (!c.options().isEmpty()) {
                out.add(new CarriedStatement("the options of " + display + "." + c.name(), "ALTER TABLE " + shadow
                        + column + " SET (" + c.options().stream().map(ShadowDefinition::option)
                        .collect(Collectors.joining(", ")) + ")"));
            }
        }
        out.addAll(ShadowPrivileges.of(shadow, display, a));
        return out;
    }

    /** The column's type, and its default as a uuid default: dropped first, or the type change would cast it. */
    private List<CarriedStatement> converted(String shadow, String column) {
        String col = SqlNames.quote(column);
        String where = t.display() + "." + column;
        Optional<String> old = a.defaults().stream().filter(d -> d.name().equals(column)).map(Named::text).findFirst();
        List<CarriedStatement> out = new ArrayList<>();
        old.ifPresent(d -> out.add(new CarriedStatement("the default of " + where, "ALTER TABLE " + shadow
                + " ALTER COLUMN " + col + " DROP DEFAULT")));
        out.add(new CarriedStatement("the type of " + where, "ALTER TABLE " + shadow + " ALTER COLUMN " + col
                + " TYPE uuid USING " + col + "::uuid", "A check constraint, generated column or collation on " + where
                + " needs text: make it cast the column (" + column + "::text), or drop it before the conversion and"
                + " re-create it after.", null));
        old.ifPresent(d -> out.add(new CarriedStatement("the default of " + where + " (DEFAULT " + d + ")",
                "ALTER TABLE " + shadow + " ALTER COLUMN " + col + " SET DEFAULT " + DefaultConversion.of(d),
                "It gives no uuid. Before the conversion run: ALTER TABLE " + t.original() + " ALTER COLUMN " + col
                        + " DROP DEFAULT; after it, set a default that gives a uuid (for example gen_random_uuid()).",
                null)));
        return out;
    }

    /** After the fill, on the shadow with its indexes under their temporary names. */
    List<CarriedStatement> afterIndexes() {
        String shadow = t.shadow();
        String display = t.display();
        List<CarriedStatement> out = new ArrayList<>();
        for (Named check : a.notValidChecks()) {
            out.add(new CarriedStatement("the NOT VALID check " + check.name() + " of " + display, "ALTER TABLE "
                    + shadow + " ADD CONSTRAINT " + SqlNames.quote(check.name()) + " " + check.text() + " NOT VALID",
                    CarriedStatement.DROP_AND_RECREATE, check.name()));
            if (check.comment() != null) {
                out.add(comment("CONSTRAINT " + SqlNames.quote(check.name()) + " ON " + shadow, check.comment(),
                        "the comment on check " + check.name()));
            }
        }
        for (TableAttachments.StatisticsObject s : a.statistics()) {
            String name = new ConvertedTable.Statistics(s.oid(), s.schema(), s.name()).temporary();
            String what = "the extended statistics " + s.name() + " of " + display;
            out.add(new CarriedStatement(what, "CREATE STATISTICS IF NOT EXISTS " + name + (s.kinds().isEmpty() ? ""
                    : " (" + String.join(", ", s.kinds()) + ")") + " ON " + s.columns() + " FROM " + shadow));
            out.add(new CarriedStatement("the owner of " + what, "ALTER STATISTICS " + name + " OWNER TO "
                    + SqlNames.quote(s.owner())));
            if (s.target() >= 0) {
                out.add(new CarriedStatement("the target of " + what, "ALTER STATISTICS " + name + " SET STATISTICS "
                        + s.target()));
            }
            if (s.comment() != null) {
                out.add(comment("STATISTICS " + name, s.comment(), "the comment on " + what));
            }
        }
        for (Named c : a.constraintComments()) {
            if (c.text().equals("p") || c.text().equals("u") || c.text().equals("x")) { // a check's came with it
                String name = t.indexes().stream().filter(i -> c.name().equals(i.constraint())).findFirst()
                        .map(ConvertedTable::temporaryName).orElse(c.name());
                out.add(comment("CONSTRAINT " + SqlNames.quote(name) + " ON " + shadow, c.comment(),
                        "the comment on constraint " + c.name() + " of " + display));
            }
        }
        for (Named c : a.indexComments()) {
            index(Long.parseLong(c.name())).ifPresent(i -> out.add(comment("INDEX " + temporary(i), c.comment(),
                    "the comment on index " + i.name())));
        }
        index(a.clusteredIndex()).ifPresent(i -> out.add(new CarriedStatement("the clustered index " + i.name()
                + " of " + display, "ALTER TABLE " + shadow + " CLUSTER ON " + SqlNames.quote(
                ConvertedTable.temporaryName(i)))));
        String identity = switch (a.replicaIdentity()) {
            case "f" -> "FULL";
            case "n" -> "NOTHING";
            case "i" -> index(a.replicaIndex()).map(i -> "USING INDEX " + SqlNames.quote(ConvertedTable.temporaryName(i)))
                    .orElse(null);
            default -> null;
        };
        if (identity != null) {
            out.add(new CarriedStatement("the replica identity of " + display, "ALTER TABLE " + shadow
                    + " REPLICA IDENTITY " + identity));
        }
        return out;
    }

    /** Once the shadow's foreign keys exist (the dry run does not make them: they would lock the tables they name). */
    List<CarriedStatement> foreignKeyComments() {
        return a.constraintComments().stream().filter(c -> c.text().equals("f")).map(c -> comment("CONSTRAINT "
                + SqlNames.quote(c.name()) + " ON " + t.shadow(), c.comment(), "the comment on constraint " + c.name()
                + " of " + t.display())).toList();
    }

    /**
     * In the swap, on {@code table}: the shadow under the original's name (or the shadow itself, in a rehearsal).
     * {@code converted}: every converted column's name, of all the tables, whose text casts a policy may shed.
     */
    List<CarriedStatement> atSwap(String table, java.util.Collection<String> converted) {
        String display = t.display();
        List<CarriedStatement> out = new ArrayList<>();
        if (a.rowSecurity()) {
            out.add(new CarriedStatement("row security on " + display, "ALTER TABLE " + table
                    + " ENABLE ROW LEVEL SECURITY"));
        }
        if (a.forceRowSecurity()) {
            out.add(new CarriedStatement("forced row security on " + display, "ALTER TABLE " + table
                    + " FORCE ROW LEVEL SECURITY"));
        }
        for (TableAttachments.Policy p : a.policies()) {
            String what = "the policy " + p.name() + " of " + display;
            out.add(new CarriedStatement(what, policy(p, table, p.using(), p.check()), "Its expression does not fit the"
                    + " uuid columns: drop the policy before the conversion and re-create it after (comparing uuid"
                    + " with uuid).", null, policy(p, table, ExpressionConversion.withoutTextCasts(p.using(), converted),
                    ExpressionConversion.withoutTextCasts(p.check(), converted))));
            if (p.comment() != null) {
                out.add(comment("POLICY " + SqlNames.quote(p.name()) + " ON " + table, p.comment(),
                        "the comment on " + what));
            }
        }
        for (TableAttachments.PublicationMember m : a.publications()) {
            out.add(new CarriedStatement("the membership of " + display + " in publication " + m.publication(),
                    "ALTER PUBLICATION " + SqlNames.quote(m.publication()) + " ADD TABLE ONLY " + table
                            + (m.columns() == null ? "" : " (" + m.columns().stream().map(SqlNames::quote)
                            .collect(Collectors.joining(", ")) + ")")
                            + (m.rowFilter() == null ? "" : " WHERE (" + m.rowFilter() + ")"),
                    "Connect as the publication's owner or a superuser, or drop the table from the publication"
                            + " before the conversion and add it back after.", null));
        }
        return out;
    }

    private static String policy(TableAttachments.Policy p, String table, String using, String check) {
        return "CREATE POLICY " + SqlNames.quote(p.name()) + " ON " + table + " AS " + (p.permissive() ? "PERMISSIVE"
                : "RESTRICTIVE") + " FOR " + p.command() + " TO " + p.roles().stream().map(ShadowPrivileges::role)
                .collect(Collectors.joining(", ")) + (using == null ? "" : " USING (" + using + ")")
                + (check == null ? "" : " WITH CHECK (" + check + ")");
    }

    private Optional<IndexInfo> index(long oid) {
        return t.indexes().stream().filter(i -> i.oid() == oid).findFirst();
    }

    private String temporary(IndexInfo index) {
        return SqlNames.qualified(t.table().schema(), ConvertedTable.temporaryName(index));
    }

    private static CarriedStatement comment(String on, String text, String what) {
        return new CarriedStatement(what, "COMMENT ON " + on + " IS " + SqlNames.literal(text));
    }

    /** {@code fillfactor=80} → {@code fillfactor = E'80'}; a name that is no plain word is refused, not pasted. */
    private static String option(String option) {
        int eq = option.indexOf('=');
        String name = eq < 0 ? option : option.substring(0, eq);
        if (!OPTION.matcher(name).matches()) {
            throw new IllegalStateException("unexpected storage option " + option);
        }
        return eq < 0 ? name : name + " = " + SqlNames.literal(option.substring(eq + 1));
    }
}
