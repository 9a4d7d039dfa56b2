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
 * The plan and its mapping preview: open a plan (or a recent one), its text in the editor ({@link PlanEditorViewModel}),
 * the mapping table, and real sample records beside the target documents each produces, with transform errors by
 * field, refreshed whenever the edited text reads as a plan; and rules added by picking a field of the sample.
 */
public final class PlanViewModel {

    /** How many source records the preview steps through. */
    static final int SAMPLES = 20;

    private final Session session;
    private final PlanService plans;
    private final PreviewService previews;
    private final PlanEditorViewModel editor;
    private boolean firstSample = true;

    // Properties
    private final ObservableList<MappingRow> mappings = FXCollections.observableArrayList();
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private final ObservableList<PreviewReport.Sample> samples = FXCollections.observableArrayList();
    private final IntegerProperty index = new SimpleIntegerProperty(-1);
    private final ObservableList<TargetPreview> targets = FXCollections.observableArrayList();
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private final ObservableList<SourceField> sourceFields = FXCollections.observableArrayList();
    private final ObservableList<String> ruleTargets = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper sourceJson = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final StringBinding title;
    private final StringBinding position;

    /** One target document built from the current sample, with its field errors. */
    public record TargetPreview(String collection, String json, List<FieldError> errors) { }

    public PlanViewModel(Session session, PlanService plans, PreviewService previews, PlanEditorViewModel editor) {
        this.session = session;
        this.plans = plans;
        this.previews = previews;
        this.editor = editor;
        title = Bindings.createStringBinding(() -> {
            MigrationPlan p = session.plan();
            return p == null ? "No plan open" : p.name() + " — " + (p.file() == null ? "built in" : p.file())
                    + " · hash " + p.hash().substring(0, 12) + " · " + p.summary();
        }, session.planProperty());
        position = Bindings.createStringBinding(() -> samples.isEmpty() ? "no samples"
                : "sample " + (index.get() + 1) + " of " + samples.size(), index, samples);
        session.planProperty().addListener((o, was, plan) -> planOpened());
        editor.planProperty().addListener((o, was, plan) -> previewed(plan));
        index.addListener((o, was, i) -> showSample());
        recent.setAll(plans.recent().list());
        previewed(previewedPlan());
    }

    public PlanEditorViewModel editor() {
        return editor;
    }

    /** The plan text's errors at their lines (the editor's). */
    public ObservableList<PlanError> lintErrors() {
        return editor.errors();
    }

    /** What the preview found to check: source fields the plan reads that no sampled record has. */
    public ObservableList<String> warnings() {
        return warnings;
    }

    /** The fields of the source record shown, to pick one for a new rule. */
    public ObservableList<SourceField> sourceFields() {
        return sourceFields;
    }

    /** The targets a rule can be added to (none for a kind without field rules). */
    public ObservableList<String> ruleTargets() {
        return ruleTargets;
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
            message.set("The plan " + file.getFileName() + " has " + errors.errors().size()
                    + (errors.errors().size() == 1 ? " error" : " errors") + "; the plan open before stays open."
                    + " Its text is in the editor to fix and save.");
            editor.open(file);
        });
    }

    public void openBuiltIn() {
        message.set("");
        plans.openBundled(errors -> message.set(errors.getMessage()));
    }

    /** Reads the samples again and maps them with the plan the text is now. */
    public void loadSamples() {
        MigrationPlan plan = previewedPlan();
        if (plan == null || session.engine() == null) {
            return;
        }
        previews.preview(plan, SAMPLES, report -> {
            if (plan != previewedPlan()) {
                return; // the text changed again meanwhile: its own preview follows
            }
            int keep = firstSample ? 0 : Math.max(0, index.get());
            firstSample = false;
            samples.setAll(report.samples());
            warnings.setAll(report.warnings());
            int next = samples.isEmpty() ? -1 : Math.min(keep, samples.size() - 1);
            if (index.get() == next) {
                showSample(); // the same sample, mapped by the plan as it is now
            } else {
                index.set(next);
            }
            if (samples.isEmpty()) {
                message.set(plan.subject() + " has no records to preview.");
            }
        }, failure -> {
            samples.clear();
            warnings.clear();
            index.set(-1);
            message.set(failure);
        });
    }

    /** Adds a rule copying the picked source field into {@code field} of {@code target}, in the plan's text. */
    public void addRule(String target, SourceField picked, String field) {
        if (picked == null || target == null) {
            message.set(picked == null ? "Pick a field of the source record to add a rule for it."
                    : "Choose the target to add the rule to.");
            return;
        }
        message.set("");
        editor.addRule(target, field == null || field.isBlank() ? picked.name() : field, picked.path());
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

    /** A plan opened (or saved): the recent list changes, and the preview starts again at the first sample. */
    private void planOpened() {
        recent.setAll(plans.recent().list());
        firstSample = true;
    }

    /** The text read as a plan without errors (or the session's plan, before the text is read): shown and sampled. */
    private void previewed(MigrationPlan plan) {
        mappings.setAll(plan == null ? List.of() : MappingRow.of(plan));
        List<String> names = plan != null && plan.kind().supports(PlanKind.Capability.FIELD_MAPPING)
                ? plan.targetNames() : List.of();
        if (!ruleTargets.equals(names)) { // the picker keeps its choice while the targets stay the same
            ruleTargets.setAll(names);
        }
        loadSamples();
    }

    private MigrationPlan previewedPlan() {
        return editor.planProperty().get() != null ? editor.planProperty().get() : session.plan();
    }

    private void showSample() {
        int i = index.get();
        if (i < 0 || i >= samples.size()) {
            sourceJson.set("");
            sourceFields.clear();
            targets.clear();
            return;
        }
        PreviewReport.Sample sample = samples.get(i);
        sourceJson.set(JsonText.of(sample.source()));
        List<SourceField> fields = SourceField.of(sample.source());
        if (!sourceFields.equals(fields)) { // the same record mapped again keeps the tree as the person left it
            sourceFields.setAll(fields);
        }
        targets.setAll(sample.mapped().targets().entrySet().stream()
                .map(e -> new TargetPreview(e.getKey(), JsonText.of(e.getValue()), errorsOf(sample, e.getKey())))
                .toList());
        sample.mapped().fanned().forEach((target, docs) -> targets.add(new TargetPreview(target, JsonText.of(docs),
                errorsOf(sample, target))));
        // a target the record produced nothing for still shows, with its errors
        MigrationPlan shown = previewedPlan();
        List<String> planned = shown.kind().supports(PlanKind.Capability.FIELD_MAPPING)
                ? shown.targetNames() : List.of();
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
