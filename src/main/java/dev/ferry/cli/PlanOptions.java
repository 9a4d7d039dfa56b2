package dev.ferry.cli;

import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.MigrationPlans;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --plan FILE}: the migration plan (YAML or JSON). */
final class PlanOptions {

    @Option(names = "--plan", paramLabel = "FILE", description = "the migration plan (YAML or JSON)")
    Path file;

    boolean given() {
        return file != null;
    }

    /**
     * Loads the plan, of whichever kind the file is (see {@link MigrationPlans}); a missing or unreadable file is a
     * usage error that names it.
     */
    MigrationPlan load() {
        return MigrationPlans.load(checkedFile());
    }

    /** The plan file's absolute path (for a worker, which may start elsewhere). */
    Path absolute() {
        return checkedFile().toAbsolutePath().normalize();
    }

    private Path checkedFile() {
        if (file == null) {
            throw new CliUsageException("No plan given: pass --plan FILE (e.g. --plan user-data-split.yaml).");
        }
        Path abs = file.toAbsolutePath().normalize();
        if (!Files.exists(abs)) {
            throw new CliUsageException("Plan file not found: " + abs + ". Check the path given to --plan.");
        }
        if (!Files.isRegularFile(abs) || !Files.isReadable(abs)) {
            throw new CliUsageException("Plan file cannot be read: " + abs + ". Is it a readable file?");
        }
        return file;
    }
}
