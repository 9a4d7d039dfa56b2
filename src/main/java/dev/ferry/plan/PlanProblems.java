package dev.ferry.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the errors found while reading one plan file, so all of them are reported at once. */
final class PlanProblems {
    private final String file;
    private final List<PlanError> errors = new ArrayList<>();

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
