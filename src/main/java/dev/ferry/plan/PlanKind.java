package dev.ferry.plan;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a kind of plan is and what it supports, asked of the kind by screens, services and verbs instead of testing
 * the plan's class: adding a kind means a new constant here and its engine, not changes to the console.
 */
public enum PlanKind {

    /** Records of a collection or table reshaped into one or more targets ({@link Plan}). */
    SPLIT("split", "document", "collection", EnumSet.allOf(Capability.class)),
    /** Runbook 002: a varchar key and its foreign keys converted to uuid ({@link UuidKeyPlan}). */
    UUID_KEY_CONVERSION(UuidKeyPlan.KIND, "row", "table", EnumSet.noneOf(Capability.class)),
    /** Runbook 003: columns added and backfilled in batches ({@link ColumnBackfillPlan}). */
    COLUMN_BACKFILL(ColumnBackfillPlan.KIND, "row", "table", EnumSet.noneOf(Capability.class));

    /** What a kind can do beyond the verbs every kind has (preview, dry run, run, validate, rollback, history). */
    public enum Capability {
        /** The plan lists its validation checks: shown before they run, and each can run alone. */
        CHECKS_IN_PLAN,
        /** A failing check opens the source record beside what the plan makes of it and what the target holds. */
        RECORD_EVIDENCE,
        /** A rollback verifies each target against the checksum taken before the run. */
        ROLLBACK_CHECKSUMS,
        /** Batches are written by Ferry, so it measures how busy the targets keep it (the saturation signal). */
        MEASURED_SATURATION
    }

    private final String label;
    private final String record;
    private final String container;
    private final Set<Capability> capabilities;

    PlanKind(String label, String record, String container, Set<Capability> capabilities) {
        this.label = label;
        this.record = record;
        this.container = container;
        this.capabilities = capabilities;
    }

    /** The kind as a plan file names it ({@code kind: uuid-key-conversion}); "split" for split plans, which have none. */
    public String label() {
        return label;
    }

    /** What a record is called on screen: "document" or "row". */
    public String record() {
        return record;
    }

    /** What holds the records: "collection" or "table". */
    public String container() {
        return container;
    }

    public boolean supports(Capability capability) {
        return capabilities.contains(capability);
    }
}
