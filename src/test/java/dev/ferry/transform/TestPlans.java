package dev.ferry.transform;

import dev.ferry.plan.PlanLoader;
import org.bson.Document;

/** Builds one-target plans from a few field lines, so each transform test reads like the plan it exercises. */
final class TestPlans {

    private TestPlans() {
    }

    /** A mapper for target {@code t} with {@code id: { from: _id }} and the given {@code fields:} lines (no indent). */
    static RecordMapper mapper(String... fieldLines) {
        StringBuilder text = new StringBuilder("""
                name: test
                source: { collection: src }
                targets:
                  - collection: t
                    id: { from: _id }
                    fields:
                """);
        for (String line : fieldLines) {
            text.append("      ").append(line).append('\n');
        }
        return PlanMapper.compile(PlanLoader.parse(text.toString(), "test.yaml"));
    }

    static MappedRecord map(Document source, String... fieldLines) {
        return mapper(fieldLines).map(source);
    }

    /** The target document, asserting nothing about errors. */
    static Document target(Document source, String... fieldLines) {
        return map(source, fieldLines).targets().get("t");
    }
}
