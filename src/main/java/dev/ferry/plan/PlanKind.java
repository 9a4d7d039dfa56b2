package dev.ferry.plan;

import dev.ferry.expr.ClosestName;
import dev.ferry.FerryException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a kind of plan is and what it supports, asked of the kind by screens, services and verbs instead of testing
 * the plan's class: adding a kind means a new constant here and its engine, not changes to the console or the CLI.
 */
public enum PlanKind {

    /** Records of a collection or table reshaped into one or more targets ({@link Plan}). */
    SPLIT("split", Nouns.DOCUMENTS, EnumSet.allOf(Capability.class), List.of(), KindWords.SPLIT),
    /** Runbook 002: a varchar key and its foreign keys converted to uuid ({@link UuidKeyPlan}). */
    UUID_KEY_CONVERSION(UuidKeyPlan.KIND, Nouns.ROWS, EnumSet.noneOf(Capability.class), List.of(
            new Operation("validate_schema", "reads only: per column the rows, NULLs, values to normalise, invalid"
                    + " strings, orphans and keys that collide, with the rows at fault and what blocks the conversion"),
            new Operation("backup_data", "creates the backup schema and counts every table exactly (the originals"
                    + " become the backup at the swap)"),
            new Operation("convert", "shadow tables filled in committed batches, keys and indexes rebuilt on them, then"
                    + " one short swap; resumes from its last batch"),
            new Operation("migrate_users", "part of convert: the key and every column that references it convert"
                    + " together"),
            new Operation("migrate_foreign_keys", "part of convert, as migrate_users"),
            new Operation("validate_migration", "column types, counts against the backup, keys and indexes, every"
                    + " row present, no orphans"),
            new Operation("rollback", "drops the converted tables and moves the originals back (confirmed)"),
            new Operation("cleanup_backup", "drops the backup tables; no way back after it (confirmed)"),
            new Operation("status", "the run's step, the rows copied, the newest migration_log rows"),
            new Operation("full_migration", "validate_schema, backup_data, convert, validate_migration, stopping at the"
                    + " first that fails")), KindWords.UUID_KEY_CONVERSION),
    /** Runbook 003: columns added and backfilled in batches ({@link ColumnBackfillPlan}). */
    COLUMN_BACKFILL(ColumnBackfillPlan.KIND, Nouns.ROWS, EnumSet.noneOf(Capability.class), List.of(
            new Operation("dry_run", "reads only: the columns and indexes to add, the rows the backfill covers, its"
                    + " expression and filter tried by the planner"),
            new Operation("up", "adds the columns (nullable: no rewrite) and builds the indexes concurrently"),
            new Operation("backfill", "keyset batches in key order; a stopped backfill resumes after its last key"),
            new Operation("incremental", "the backfill of the rows created since a time (--since 24h or an ISO"
                    + " date-time)"),
            new Operation("validate", "the columns present, the share of rows migrated, rows where invalid_when holds"),
            new Operation("down", "drops the indexes, then the columns with their values (confirmed)"),
            new Operation("run", "up, then backfill"),
            new Operation("status", "the newest migration_log rows")), KindWords.COLUMN_BACKFILL);

    /** What a kind can do beyond the verbs every kind has (preview, dry run, run, validate, rollback, history). */
    public enum Capability {
        /** Each source record is mapped by the plan's rules into every target: the mapping shows each target. */
        FIELD_MAPPING,
        /** A record that cannot be migrated is quarantined with its reason and the run goes on (else it blocks). */
        QUARANTINE,
        /** The plan lists its validation checks: shown before they run, and each can run alone. */
        CHECKS_IN_PLAN,
        /** A failing check opens the source record beside what the plan makes of it and what the target holds. */
        RECORD_EVIDENCE,
        /** A rollback verifies each target against the checksum taken before the run. */
        ROLLBACK_CHECKSUMS,
        /** Batches are written by Ferry, so it measures how busy the targets keep it (the saturation signal). */
        MEASURED_SATURATION,
        /**
         * Its runs journal their batches, events and worker heartbeats where any console or terminal can follow them,
         * take requests (pause, cancel, batch size, rate) through the journal, and run in worker processes.
         */
        WORKERS
    }

    /** A runbook operation of the kind, run by name ({@code ferry pg op NAME}), and what it does in a line. */
    public record Operation(String name, String does) { }

    /** What the records and what holds them are called. */
    private enum Nouns {
        DOCUMENTS("document", "collection", "docs"),
        ROWS("row", "table", "rows");

        final String record;
        final String container;
        final String unit;

        Nouns(String record, String container, String unit) {
            this.record = record;
            this.container = container;
            this.unit = unit;
        }
    }

    private final String label;
    private final Nouns nouns;
    private final Set<Capability> capabilities;
    private final List<Operation> operations;
    private final KindWords words;

    PlanKind(String label, Nouns nouns, Set<Capability> capabilities, List<Operation> operations, KindWords words) {
        this.label = label;
        this.nouns = nouns;
        this.capabilities = capabilities;
        this.operations = List.copyOf(operations);
        this.words = words;
    }

    /** The kind as a plan file names it ({@code kind: uuid-key-conversion}); "split" for split plans, which have none. */
    public String label() {
        return label;
    }

    /** What a record is called on screen: "document" or "row". */
    public String record() {
        return nouns.record;
    }

    /** "documents" or "rows". */
    public String records() {
        return nouns.record + "s";
    }

    /** "1 document", "10,523 rows": {@code count} already written as a person reads it. */
    public String records(long n, String count) {
        return count + " " + (n == 1 ? record() : records());
    }

    /** What holds the records: "collection" or "table". */
    public String container() {
        return nouns.container;
    }

    /** The short unit of a rate: "docs" (docs/s) or "rows". */
    public String unit() {
        return nouns.unit;
    }

    public boolean supports(Capability capability) {
        return capabilities.contains(capability);
    }

    /** The runbook operations that run by name, in the runbook's order; none for a split. */
    public List<Operation> operations() {
        return operations;
    }

    /** The operation {@code name} names, with or without its runbook's spelling ("full-migration", "FULL_MIGRATION"). */
    public Optional<Operation> operation(String name) {
        String normal = name == null ? "" : name.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        return operations.stream().filter(o -> o.name().equals(normal)).findFirst();
    }

    /**
     * The operation {@code name} names; refused (exit 2, nothing run) with the kind's operations and a did-you-mean
     * when it names none, or with what to do instead when the kind has no operations.
     */
    public Operation operationNamed(String name) {
        return operation(name).orElseThrow(() -> FerryException.usage(operations.isEmpty()
                ? "A " + label + " plan has no runbook operations to run by name: run it with `ferry run` (or"
                + " dry-run, validate, rollback)."
                : "Unknown operation '" + name + "' for a " + label + " plan" + ClosestName.hint(String.valueOf(name)
                .toLowerCase(Locale.ROOT).replace('-', '_'), operations.stream().map(Operation::name).toList())
                + "; expected one of " + operations.stream().map(Operation::name).toList() + "."));
    }

    /** What the kind says about itself on screen: its dry run and its rollback in words. */
    public KindWords words() {
        return words;
    }
}
