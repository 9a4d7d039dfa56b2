package dev.ferry.engine.split.validate;

import dev.ferry.store.SourceKeys;
import dev.ferry.FerryException;
import dev.ferry.transform.MappedRecord;
import dev.ferry.transform.RecordMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;

/**
 * What one source record should have left in the targets: the mapping re-applied, each document as it would be
 * stored (through BSON and back) and keyed by its {@code _id} (the source key when the mapping sets none).
 */
record Expected(Object sourceKey, MappedRecord mapped, Map<String, Document> targets) {

    static Expected of(RecordMapper mapper, Document source, Object sourceKey) {
        MappedRecord mapped;
        try {
            mapped = mapper.map(source);
        } catch (RuntimeException e) {
            throw new FerryException("The mapping threw on source record " + SourceKeys.render(sourceKey) + ": " + e, e);
        }
        Map<String, Document> targets = new LinkedHashMap<>();
        if (mapped.ok()) {
            mapped.targets().forEach((target, doc) -> {
                Document stored = DocumentDiff.asStored(doc);
                stored.putIfAbsent("_id", sourceKey);
                targets.put(target, stored);
            });
        }
        return new Expected(sourceKey, mapped, targets);
    }

    boolean ok() {
        return mapped.ok();
    }

    /** Why a record that maps with errors now is a mismatch: the run wrote it, or should have quarantined it. */
    String mappingErrors() {
        return SourceKeys.render(sourceKey) + ": maps with errors now, yet the run did not quarantine it: " + mapped.errors();
    }
}
