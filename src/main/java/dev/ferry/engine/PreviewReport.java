package dev.ferry.engine;

import dev.ferry.transform.MappedRecord;
import java.util.List;
import org.bson.Document;

/** Sample source records beside the target documents each produces, with the per-field errors. */
public record PreviewReport(String plan, List<Sample> samples) {

    public PreviewReport {
        samples = List.copyOf(samples);
    }

    public record Sample(Document source, MappedRecord mapped) { }
}
