package dev.ferry.engine;

import dev.ferry.plan.Plan;
import dev.ferry.store.mongo.MongoBatchReader;
import dev.ferry.store.mongo.MongoStore;
import dev.ferry.transform.RecordMapper;
import java.util.List;

/** The first N source records (in key order) beside the target documents each produces. Reads only. */
final class Preview {

    private final MongoStore store;
    private final Plan plan;
    private final RecordMapper mapper;

    Preview(MongoStore store, Plan plan, RecordMapper mapper) {
        this.store = store;
        this.plan = plan;
        this.mapper = mapper;
    }

    PreviewReport execute(int samples) {
        MongoBatchReader reader = new MongoBatchReader(store, plan.source(), null, Math.max(1, samples));
        List<PreviewReport.Sample> out = reader.first(Math.max(1, samples)).stream()
                .map(source -> new PreviewReport.Sample(source, mapper.map(source)))
                .toList();
        return new PreviewReport(plan.name(), out);
    }
}
