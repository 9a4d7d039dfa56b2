package dev.ferry.plan;

import java.nio.file.Path;

/**
 * Plan text that is not saved yet (the console's editor), read as the file it will be saved as would be read: the
 * plan, or a {@link PlanException} with every error at line:column, exactly as {@link MigrationPlans#load} reports them.
 */
public final class UnsavedPlan {

    private UnsavedPlan() {
    }

    /**
     * @param file where the text is (or will be) saved: it names the file in errors and its extension picks YAML or
     *             JSON; the plan's hash is of the text as UTF-8
     * @throws PlanException with every error found
     */
    public static MigrationPlan read(String text, Path file) {
        String name = file.toString();
        return PostgresPlanLoader.isPostgresPlan(text, name) ? PostgresPlanLoader.parse(text, name)
                : PlanLoader.parse(text, name);
    }
}
