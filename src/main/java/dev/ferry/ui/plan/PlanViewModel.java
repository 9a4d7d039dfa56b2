package dev.ferry.ui.plan;

import dev.ferry.engine.PreviewReport;
import dev.ferry.plan.MappingRow;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.PlanError;
import dev.ferry.plan.PlanKind;
import dev.ferry.service.PlanService;
import dev.ferry.service.PreviewService;
import dev.ferry.service.Session;
import dev.ferry.transform.FieldError;
import dev.ferry.ui.common.JsonText;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.bson.Document;

/**
 * The plan and its mapping preview: open a plan (or a recent one), its lint errors at their location, the mapping
 * table, and real sample records beside the target documents each produces, with transform errors by field.
 */
public final class PlanViewModel {

    /** How many source records the preview steps through. */
    static final int SAMPLES = 20;

    private final Session session;
    private final PlanService plans;
    private final PreviewService previews;

    // Properties
    private final ObservableList<PlanError> lintErrors = FXCollections.observableArrayList();
    private final ObservableList<MappingRow> mappings = FXCollections.observableArrayList();
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private final ObservableList<PreviewReport.Sample> samples = FXCollections.observableArrayList();
    private final IntegerProperty index = new SimpleIntegerProperty(-1);
    private final ObservableList<TargetPreview> targets = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper sourceJson = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final StringBinding title;
    private final StringBinding position;

    /** One target document built from the current sample, with its field errors. */
    public record TargetPreview(String collection, String json, List<FieldError> errors) { }

    public PlanViewModel(Session session, PlanService plans, PreviewService previews) {
        this.session = session;
        this.plans = plans;
        this.previews = previews;
        title = Bindings.createStringBinding(() -> {
            MigrationPlan p = session.plan();
            return p == null ? "No plan open" : p.name() + " — " + (p.file() == null ? "built in" : p.file())
                    + " · hash " + p.hash().substring(0, 12) + " · " + p.summary();
        }, session.planProperty());
        position = Bindings.createStringBinding(() -> samples.isEmpty() ? "no samples"
                : "sample " + (index.get() + 1) + " of " + samples.size(), index, samples);
        session.planProperty().addListener((o, was, plan) -> planChanged(plan));
        index.addListener((o, was, i) -> showSample());
        recent.setAll(plans.recent().list());
        planChanged(session.plan());
    }

    public ObservableList<PlanError> lintErrors() {
        return lintErrors;
    }

    public ObservableList<MappingRow> mappings() {
        return mappings;
    }

    public ObservableList<Path> recent() {
        return recent;
    }

    public ObservableList<TargetPreview> targets() {
        return targets;
    }

    public ReadOnlyStringProperty sourceJsonProperty() {
        return sourceJson.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public StringBinding title() {
        return title;
    }

    public StringBinding position() {
        return position;
    }

    public IntegerProperty indexProperty() {
        return index;
    }

    public int sampleCount() {
        return samples.size();
    }

    // Commands

    public void open(Path file) {
        message.set("");
        plans.open(file, errors -> {
            lintErrors.setAll(errors.errors());
            message.set("The plan " + file.getFileName() + " has " + errors.errors().size()
                    + (errors.errors().size() == 1 ? " error" : " errors") + "; the plan open before stays open.");
        });
    }

    public void openBuiltIn() {
        message.set("");
        plans.openBundled(errors -> lintErrors.setAll(errors.errors()));
    }

    public void loadSamples() {
        if (session.plan() == null || session.engine() == null) {
            return;
        }
        previews.preview(SAMPLES, report -> {
            samples.setAll(report.samples());
            index.set(-1);
            index.set(samples.isEmpty() ? -1 : 0);
            if (samples.isEmpty()) {
                message.set(session.plan().subject() + " has no records to preview.");
            }
        }, failure -> {
            samples.clear();
            index.set(-1);
            message.set(failure);
        });
    }

    public void next() {
        if (index.get() < samples.size() - 1) {
            index.set(index.get() + 1);
        }
    }

    public void previous() {
        if (index.get() > 0) {
            index.set(index.get() - 1);
        }
    }

    /** Jumps to the first sample whose mapping has an error, if any. */
    public void nextWithErrors() {
        for (int i = 1; i <= samples.size(); i++) {
            int candidate = (index.get() + i) % samples.size();
            if (!samples.get(candidate).mapped().ok()) {
                index.set(candidate);
                return;
            }
        }
        message.set("None of the " + samples.size() + " samples has a transform error.");
    }

    private void planChanged(MigrationPlan plan) {
        lintErrors.clear();
        mappings.setAll(plan == null ? List.of() : MappingRow.of(plan));
        recent.setAll(plans.recent().list());
        loadSamples();
    }

    private void showSample() {
        int i = index.get();
        if (i < 0 || i >= samples.size()) {
            sourceJson.set("");
            targets.clear();
            return;
        }
        PreviewReport.Sample sample = samples.get(i);
        sourceJson.set(JsonText.of(sample.source()));
        targets.setAll(sample.mapped().targets().entrySet().stream()
                .map(e -> new TargetPreview(e.getKey(), JsonText.of(e.getValue()), errorsOf(sample, e.getKey())))
                .toList());
        sample.mapped().fanned().forEach((target, docs) -> targets.add(new TargetPreview(target, JsonText.of(docs),
                errorsOf(sample, target))));
        // a target the record produced nothing for still shows, with its errors
        List<String> planned = session.planKind().supports(PlanKind.Capability.FIELD_MAPPING)
                ? session.plan().targetNames() : List.of();
        for (String target : planned) {
            if (!sample.mapped().documents().containsKey(target)) {
                targets.add(new TargetPreview(target, JsonText.of((Document) null), errorsOf(sample, target)));
            }
        }
    }

    private static List<FieldError> errorsOf(PreviewReport.Sample sample, String collection) {
        return sample.mapped().errors().stream().filter(e -> e.target().equals(collection)).toList();
    }
}
