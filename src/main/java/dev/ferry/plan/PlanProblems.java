package dev.ferry.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the errors found while reading one plan file, so all of them are reported at once. */
final class PlanProblems {
    private final String file;
    private final List<PlanError> errors = new ArrayList<>();
    private String[] lines = new String[0];

    PlanProblems(String file) {
        this.file = file;
    }

    void at(int line, int column, String path, String message) {
        errors.add(new PlanError(file, line, column, path, message));
    }

    void at(PlanNode node, String path, String message) {
        at(node.line(), node.column(), path, message);
    }

    void at(PlanNode.Entry entry, String path, String message) {
        at(entry.line(), entry.column(), path, message);
    }

    /** The file's text, so that a problem inside a string (an expression) can be placed at its own column. */
    void source(String text) {
        lines = text.split("\r\n|\n|\r", -1);
    }

    /**
     * A problem at a line and column of a string value (both from 1): placed in the file by how the string is
     * written — plain, quoted, or a block ({@code |}, {@code >}). Where that cannot be told, at the value.
     */
    void inside(PlanNode node, int line, int column, String path, String message) {
        int[] at = ScalarPosition.of(lines, node.line(), node.column(), line, column);
        at(at[0], at[1], path, message);
    }

    /** {@code file:line:column} of a node, for what is found about it later (by the database). */
    String where(PlanNode.Entry entry) {
        return file + ":" + entry.line() + ":" + entry.column();
    }

    int count() {
        return errors.size();
    }

    boolean any() {
        return !errors.isEmpty();
    }

    /** Throws when anything was found, errors in file order. */
    void throwIfAny() {
        if (any()) {
            List<PlanError> sorted = new ArrayList<>(errors);
            sorted.sort(Comparator.comparingInt(PlanError::line).thenComparingInt(PlanError::column));
            throw new PlanException(sorted);
        }
    }
}
