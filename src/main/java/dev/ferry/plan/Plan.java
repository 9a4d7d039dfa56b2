package dev.ferry.plan;

import java.nio.file.Path;
import java.util.List;

/**
 * A migration plan as loaded from its file: where records come from, what each target gets,
 * how large the batches are, what guards the run, how long it waits for a database that went away, how it is
 * validated and rolled back.
 *
 * @param hash short SHA-256 of the plan file's bytes; a dry run is valid for a run only with the same hash
 */
public record Plan(
        String name,
        Path file,
        String hash,
        SourceSpec source,
        BatchSpec batch,
        List<TargetSpec> targets,
        Guardrails guardrails,
        List<CheckSpec> validation,
        RollbackSpec rollback,
        RetrySpec retry) implements MigrationPlan {

    public Plan {
        targets = List.copyOf(targets);
        validation = List.copyOf(validation);
        retry = retry == null ? RetrySpec.none() : retry;
    }

    /** A plan without a {@code retry:} section: runs wait as {@code -Dferry.retry.max} says. */
    public Plan(String name, Path file, String hash, SourceSpec source, BatchSpec batch, List<TargetSpec> targets,
                Guardrails guardrails, List<CheckSpec> validation, RollbackSpec rollback) {
        this(name, file, hash, source, batch, targets, guardrails, validation, rollback, RetrySpec.none());
    }

    @Override
    public java.util.Optional<String> guardrailsInWords() {
        return java.util.Optional.of(guardrails.describe());
    }

    @Override
    public PlanKind kind() {
        return PlanKind.SPLIT;
    }

    @Override
    public String subject() {
        return source.collection() + " by " + source.key();
    }

    @Override
    public String sourceName() {
        return source.collection();
    }

    @Override
    public List<String> targetNames() {
        return targets.stream().map(TargetSpec::collection).toList();
    }

    @Override
    public List<CheckSpec> checks() {
        return validation;
    }

    @Override
    public Plan withChecks(List<CheckSpec> checks) {
        return withValidation(checks);
    }

    @Override
    public int batchSize() {
        return batch.size();
    }

    @Override
    public String summary() {
        return "source " + subject() + " → " + targets.stream().map(TargetSpec::collection)
                .collect(java.util.stream.Collectors.joining(", ")) + " · batches of " + batch.size();
    }

    /** True when a target embeds related records (fetched a batch at a time, beside the source). */
    public boolean embeds() {
        return !EmbedRules.of(this).isEmpty();
    }

    /** True when a target fans out (one record per element of a source array). */
    public boolean fansOut() {
        return targets.stream().anyMatch(TargetSpec::fansOut);
    }

    public TargetSpec target(String collection) {
        return targets.stream().filter(t -> t.collection().equals(collection)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no target " + collection + " in plan " + name));
    }

    @Override
    public Plan withBatchSize(int size) {
        return new Plan(name, file, hash, source, new BatchSpec(size, batch.partitions()), targets, guardrails,
                validation, rollback, retry);
    }

    @Override
    public int partitions() {
        return batch.partitions();
    }

    /** The same plan run in {@code n} key ranges at once (an operator's override); same name and hash. */
    @Override
    public Plan withPartitions(int n) {
        return new Plan(name, file, hash, source, new BatchSpec(batch.size(), n), targets, guardrails, validation,
                rollback, retry);
    }

    /** The same plan with other validation checks (e.g. one check re-run on its own); same name and hash. */
    public Plan withValidation(List<CheckSpec> checks) {
        return new Plan(name, file, hash, source, batch, targets, guardrails, checks, rollback, retry);
    }
}
