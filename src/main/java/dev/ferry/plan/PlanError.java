package dev.ferry.plan;

/**
 * One fault in a plan file, located for the person who fixes it.
 *
 * @param path the plan element at fault, e.g. {@code targets[0].fields.num_rows}; empty for the file as a whole
 */
public record PlanError(String file, int line, int column, String path, String message) {

    /** {@code plans/x.yaml:12:7: targets[0].fields.num_rows: unknown transform 'coalese'}. */
    public String render() {
        String where = file + ":" + line + ":" + column + ": ";
        return path == null || path.isEmpty() ? where + message : where + path + ": " + message;
    }

    @Override
    public String toString() {
        return render();
    }
}
