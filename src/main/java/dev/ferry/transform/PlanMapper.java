package dev.ferry.transform;

import dev.ferry.store.SourceKeys;
import dev.ferry.plan.Plan;
import dev.ferry.plan.TargetSpec;
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
    private final List<FanOutTarget> fanOuts;

    private PlanMapper(Plan plan) {
        this.sourceKeyPath = plan.source().key();
        this.targets = plan.targets().stream().filter(t -> !t.fansOut()).map(CompiledTarget::new).toList();
        this.fanOuts = plan.targets().stream().filter(TargetSpec::fansOut).map(FanOutTarget::new).toList();
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
        Map<String, List<Document>> fanned = new LinkedHashMap<>();
        for (FanOutTarget target : fanOuts) {
            fanned.put(target.collection(), target.build(source, sourceKey, canonicalKey, built, errors));
        }
        return new MappedRecord(sourceKey, built, fanned, errors);
    }
}
