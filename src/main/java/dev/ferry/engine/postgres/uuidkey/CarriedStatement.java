package dev.ferry.engine.postgres.uuidkey;

/**
 * One statement that gives a converted copy something its original has, with what that is in words ("the policy
 * tenant_isolation of accounts") and what to do when the server refuses it. The dry run tries every one on an empty
 * copy and reports a refusal by this name before anything changes.
 *
 * @param unlessConstraint run only when the shadow has no constraint of this name yet (a resumed run), or null
 */
record CarriedStatement(String what, String sql, String advice, String unlessConstraint) {

    static final String DROP_AND_RECREATE = "Drop it before the conversion and re-create it after, or connect as a role"
            + " that may carry it (a superuser, or the table's owner).";

    CarriedStatement(String what, String sql) {
        this(what, sql, DROP_AND_RECREATE, null);
    }
}
