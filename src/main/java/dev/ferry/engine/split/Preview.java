package dev.ferry.engine.split;

import dev.ferry.engine.split.stores.PlanStores;

import dev.ferry.engine.PreviewReport;

import dev.ferry.plan.Plan;
import dev.ferry.store.SourceReader;
import dev.ferry.transform.RecordMapper;
import java.util.List;
import org.bson.Document;

/**
 * The first N source records (in key order) beside the target documents each produces, and the plan's source fields
 * that none of the first {@value #FIELDS_FROM} records has. Reads only.
 */
final class Preview {

    static final int FIELDS_FROM = 1_000;

    private final PlanStores stores;
    private final Plan plan;
    private final RecordMapper mapper;

    Preview(PlanStores stores, Plan plan, RecordMapper mapper) {
        this.stores = stores;
        this.plan = plan;
        this.mapper = mapper;
    }

    PreviewReport execute(int samples) {
        int shown = Math.max(1, samples);
        List<Document> records;
        try (SourceReader reader = stores.reader(plan, null, Math.max(shown, FIELDS_FROM))) {
            records = reader.first(Math.max(shown, FIELDS_FROM));
        }
        UnseenSourceFields fields = new UnseenSourceFields(plan);
        records.forEach(fields::add);
        List<PreviewReport.Sample> out = records.subList(0, Math.min(shown, records.size())).stream()
                .map(source -> new PreviewReport.Sample(source, mapper.map(source)))
                .toList();
        return new PreviewReport(plan.name(), out, fields.warnings());
    }
}
