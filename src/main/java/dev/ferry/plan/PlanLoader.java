package dev.ferry.plan;

import dev.ferry.FerryException;
import java.nio.file.Path;

/**
 * PLACEHOLDER in the h-cli worktree so the CLI compiles: the real loader (YAML/JSON through Jackson, errors with
 * file, line and column) is written on the plan branch and replaces this file at merge.
 */
public final class PlanLoader {

    private PlanLoader() {
    }

    public static Plan load(Path file) {
        throw new FerryException("plan loader not yet merged");
    }
}
