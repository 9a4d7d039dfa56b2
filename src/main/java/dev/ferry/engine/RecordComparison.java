package dev.ferry.engine;

import dev.ferry.transform.FieldError;
import java.util.List;
import org.bson.Document;

/**
 * One source record beside what the plan makes of it and what each target holds: the evidence a DBA opens from a
 * failing check. {@code source} is null when no record has the key.
 */
public record RecordComparison(String sourceKey, Document source, List<TargetSide> targets,
                               List<FieldError> mappingErrors) {

    public RecordComparison {
        targets = List.copyOf(targets);
        mappingErrors = List.copyOf(mappingErrors);
    }

    /** One target: the expected document, the stored one (null when missing) and their differences by path. */
    public record TargetSide(String collection, Document expected, Document stored,
                             List<FieldDifference> differences) {
        public TargetSide {
            differences = List.copyOf(differences);
        }

        public boolean matches() {
            return stored != null && differences.isEmpty();
        }
    }

    public boolean matches() {
        return source != null && mappingErrors.isEmpty() && targets.stream().allMatch(TargetSide::matches);
    }
}
