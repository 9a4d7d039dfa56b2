package dev.ferry.engine.split.validate;

import dev.ferry.engine.CheckResult;

/** One validation check of a plan: compares source and targets and says what it found. */
public interface Check {

    /** The check's name as the plan gives it. */
    String name();

    /** How it checks: count, sample, predicate, checksum. */
    String method();

    /**
     * Runs the check. Throws when it cannot run at all (no source collection, a query the server refuses): the
     * caller reports that as "could not check", which is not the same as a mismatch.
     */
    CheckResult run(CheckContext context);
}
