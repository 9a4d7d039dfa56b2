package dev.ferry.transform;

import dev.ferry.store.SourceKeys;
import dev.ferry.plan.Plan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * A plan compiled into a {@link RecordMapper}: builds every target document from one source record. Thread-safe
 * (compiled state is immutable) and deterministic (generated values derive from the source key).
 */
public final class PlanMapper implements RecordMapper {
    private final String sourceKeyPath;
    private final List<CompiledTarget> targets;

    private PlanMapper(Plan plan) {
        this.sourceKeyPath = plan.source().key();
        this.targets = plan.targets().stream().map(CompiledTarget::new).toList();
    }

    public static RecordMapper compile(Plan plan) {
        return new PlanMapper(plan);
    }

    @Override
    public MappedRecord map(Document source) {
        Object key = SourcePath.read(source, sourceKeyPath);
        Object sourceKey = key == FieldTransform.ABSENT ? null : key;
        String canonicalKey = SourceKeys.canonical(sourceKey);
        List<FieldError> errors = new ArrayList<>();
        Map<String, Document> built = new LinkedHashMap<>();
        for (CompiledTarget target : targets) {
            built.put(target.collection(), target.build(source, canonicalKey, errors));
        }
        return new MappedRecord(sourceKey, built, errors);
    }
}
