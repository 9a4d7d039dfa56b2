package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.store.postgres.SqlNames;
import dev.ferry.store.postgres.TableAttachments;
import dev.ferry.store.postgres.TableAttachments.Grant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The original's privileges given to its converted copy once the copy has the original's owner: table and column
 * grants in the original ACL's order (so the server keeps them in the same order, as pg_dump prints them), with grant
 * options, each by its grantor (a grant made by someone other than the owner is made again as that role), and the
 * owner's own privileges revoked where the original's owner had given them up.
 */
final class ShadowPrivileges {

    private static final List<String> TABLE_PRIVILEGES = List.of("INSERT", "SELECT", "UPDATE", "DELETE", "TRUNCATE",
            "REFERENCES", "TRIGGER");

    private ShadowPrivileges() {
    }

    static List<CarriedStatement> of(String table, String display, TableAttachments a) {
        List<CarriedStatement> out = new ArrayList<>();
        Set<Grant> owners = new LinkedHashSet<>();
        TABLE_PRIVILEGES.forEach(p -> owners.add(new Grant(a.owner(), a.owner(), p, false)));
        List<Grant> wanted = a.grants().stream().filter(g -> !owners.contains(g)).toList();
        out.addAll(grants(wanted, a.owner(), table, null, "the privileges on " + display));
        for (Grant dropped : owners) {
            if (!a.grants().contains(dropped)) {
                out.add(new CarriedStatement("the owner's revoked " + dropped.privilege() + " on " + display, "REVOKE "
                        + privilege(dropped.privilege()) + " ON " + table + " FROM " + role(a.owner())));
            }
        }
        for (TableAttachments.ColumnAttachment c : a.columns()) {
            out.addAll(grants(c.grants(), a.owner(), table, c.name(), "the privileges on " + display + "." + c.name()));
        }
        return out;
    }

    /** One GRANT per grantor, grantee and grant option, in the order they first appear in the ACL. */
    private static List<CarriedStatement> grants(List<Grant> grants, String owner, String table, String column,
                                                  String what) {
        Map<List<Object>, List<String>> grouped = new LinkedHashMap<>();
        for (Grant g : grants) {
            grouped.computeIfAbsent(List.of(g.grantor(), g.grantee(), g.grantable()), k -> new ArrayList<>())
                    .add(privilege(g.privilege()) + (column == null ? "" : " (" + SqlNames.quote(column) + ")"));
        }
        List<CarriedStatement> out = new ArrayList<>();
        grouped.forEach((key, privileges) -> {
            String grantor = (String) key.get(0);
            String grant = "GRANT " + String.join(", ", privileges) + " ON " + table + " TO " + role((String) key.get(1))
                    + (Boolean.TRUE.equals(key.get(2)) ? " WITH GRANT OPTION" : "");
            // GRANT as the owner (or a superuser) records the owner as grantor; any other grantor makes it again.
            String sql = grantor.equals(owner) ? grant
                    : "SET LOCAL ROLE " + SqlNames.quote(grantor) + "; " + grant + "; RESET ROLE";
            out.add(new CarriedStatement(what + " granted to " + key.get(1) + " by " + grantor, sql));
        });
        return out;
    }

    static String role(String name) {
        return "PUBLIC".equals(name) ? "PUBLIC" : SqlNames.quote(name);
    }

    /** aclexplode names privileges with a fixed set of keywords; anything else is refused rather than pasted. */
    static String privilege(String name) {
        return switch (name) {
            case "SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER" -> name;
            default -> throw new IllegalStateException("unexpected table privilege " + name);
        };
    }
}
