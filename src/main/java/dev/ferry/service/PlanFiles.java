package dev.ferry.service;

import dev.ferry.FerryException;
import dev.ferry.plan.BundledPlan;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.MigrationPlans;
import dev.ferry.profile.FerryHome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The file a worker runs the open plan from: the plan's own file when it still holds the plan as the console shows it
 * (same hash), or, for the plan built into Ferry, a copy of it in {@code ~/.ferry/plans}. A plan edited since it was
 * opened, or one whose file is gone, is refused: a worker must run exactly what the console shows.
 */
final class PlanFiles {

    private PlanFiles() {
    }

    static Path forWorker(MigrationPlan plan) {
        Path file = plan.file() == null ? null : plan.file().toAbsolutePath().normalize();
        if (file == null || !Files.isRegularFile(file)) {
            file = bundledCopy(plan);
        }
        MigrationPlan onDisk;
        try {
            onDisk = MigrationPlans.load(file);
        } catch (RuntimeException e) {
            throw new FerryException("The plan file " + file + " cannot be read now (" + e.getMessage() + "): a worker"
                    + " runs the plan from its file. Fix or reopen it (Plan).", e);
        }
        if (!onDisk.hash().equals(plan.hash())) {
            throw new FerryException("The plan file " + file + " is not the plan the console shows (hash "
                    + onDisk.hash().substring(0, 8) + ", open: " + plan.hash().substring(0, 8) + "): it changed since"
                    + " it was opened, or the open plan is not saved. A worker runs the file: save the plan, or reopen"
                    + " the file (Plan), then dry-run it again.");
        }
        return file;
    }

    /** The built-in plan, copied out of Ferry for a worker to read. */
    private static Path bundledCopy(MigrationPlan plan) {
        Path copy = FerryHome.dir().resolve("plans").resolve(Path.of(BundledPlan.RESOURCE).getFileName().toString());
        try (InputStream in = BundledPlan.class.getResourceAsStream(BundledPlan.RESOURCE)) {
            if (in == null) {
                throw new FerryException("The plan " + plan.name() + " has no file a worker could run (" + plan.file()
                        + " does not exist). Save it to a file and open that (Plan).");
            }
            Files.createDirectories(copy.getParent());
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            return copy;
        } catch (IOException e) {
            throw new FerryException("Could not write the built-in plan to " + copy + " for a worker (" + e.getMessage()
                    + "). Check that the folder is writable.", e);
        }
    }
}
