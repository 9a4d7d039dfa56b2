package dev.ferry.engine;

import dev.ferry.transform.MappedRecord;
import java.util.List;
import org.bson.Document;

/**
 * Sample source records beside the target documents each produces, with the per-field errors.
 *
 * @param warnings what a reader should check before running, one line each: source fields the plan reads that
 *                 none of the records read has (a misspelt {@code from}), with the closest field they do have
 */
public record PreviewReport(String plan, List<Sample> samples, List<String> warnings) {

    public PreviewReport {
        samples = List.copyOf(samples);
        warnings = List.copyOf(warnings);
    }

    public PreviewReport(String plan, List<Sample> samples) {
        this(plan, samples, List.of());
    }

    public record Sample(Document source, MappedRecord mapped) { }
}
