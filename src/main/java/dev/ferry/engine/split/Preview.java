package dev.ferry.engine.split;

import dev.ferry.engine.split.stores.PlanStores;

import dev.ferry.engine.PreviewReport;

import dev.ferry.plan.Plan;
import dev.ferry.store.SourceReader;
import dev.ferry.transform.RecordMapper;
import java.util.List;

/** The first N source records (in key order) beside the target documents each produces. Reads only. */
final class Preview {

    private final PlanStores stores;
    private final Plan plan;
    private final RecordMapper mapper;

    Preview(PlanStores stores, Plan plan, RecordMapper mapper) {
        this.stores = stores;
        this.plan = plan;
        this.mapper = mapper;
    }

    PreviewReport execute(int samples) {
        List<PreviewReport.Sample> out;
        try (SourceReader reader = stores.reader(plan, null, Math.max(1, samples))) {
            out = reader.first(Math.max(1, samples)).stream()
                    .map(source -> new PreviewReport.Sample(source, mapper.map(source)))
                    .toList();
        }
        return new PreviewReport(plan.name(), out);
    }
}
