package dev.ferry.engine.postgres.uuidkey;

/**
 * One statement that gives a converted copy something its original has, with what that is in words ("the policy
 * tenant_isolation of accounts") and what to do when the server refuses it. The dry run tries every one on an empty
 * copy and reports a refusal by this name before anything changes.
 *
 * @param unlessConstraint run only when the shadow has no constraint of this name yet (a resumed run), or null
 * @param fallback         a form to try when the server refuses {@code sql} (a policy without the text casts its
 *                         converted columns needed), or null
 */
record CarriedStatement(String what, String sql, String advice, String unlessConstraint, String fallback) {

    static final String DROP_AND_RECREATE = "Drop it before the conversion and re-create it after, or connect as a role"
            + " that may carry it (a superuser, or the table's owner).";

    CarriedStatement(String what, String sql) {
        this(what, sql, DROP_AND_RECREATE, null, null);
    }

    CarriedStatement(String what, String sql, String advice, String unlessConstraint) {
        this(what, sql, advice, unlessConstraint, null);
    }

    /**
     * Runs it under a savepoint, then its fallback if it has one; returns the server's refusal of the last form
     * tried, or null when one was applied. The caller's transaction goes on either way.
     */
    java.sql.SQLException tryOn(java.sql.Statement s) throws java.sql.SQLException {
        java.sql.SQLException refused = null;
        for (String form : fallback == null ? java.util.List.of(sql) : java.util.List.of(sql, fallback)) {
            s.execute("SAVEPOINT ferry_carry");
            try {
                s.execute(form);
                s.execute("RELEASE SAVEPOINT ferry_carry");
                return null;
            } catch (java.sql.SQLException e) {
                s.execute("ROLLBACK TO SAVEPOINT ferry_carry");
                refused = e;
            }
        }
        return refused;
    }
}
