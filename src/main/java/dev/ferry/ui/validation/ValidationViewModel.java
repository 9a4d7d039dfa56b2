package dev.ferry.ui.validation;

import dev.ferry.engine.CheckResult;
import dev.ferry.engine.RecordComparison;
import dev.ferry.engine.ValidationReport;
import dev.ferry.plan.CheckSpec;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.PlanKind;
import dev.ferry.service.Action;
import dev.ferry.service.Session;
import dev.ferry.service.Tone;
import dev.ferry.service.ValidationService;
import dev.ferry.ui.common.Formats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The DBA's checklist: every check of the plan with its status, coverage and evidence; run all or one; open a
 * failing record beside its targets, field by field.
 */
public final class ValidationViewModel {

    private final Session session;
    private final ValidationService service;

    // Properties
    private final ObservableList<CheckRow> checks = FXCollections.observableArrayList();
    private final ObjectProperty<CheckRow> selected = new SimpleObjectProperty<>();
    private final ObservableList<String> evidence = FXCollections.observableArrayList();
    private final ObservableList<String> failingKeys = FXCollections.observableArrayList();
    private final ObservableList<String> notCovered = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<RecordComparison> comparison = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper("not validated yet");
    private final ReadOnlyObjectWrapper<Tone> verdictTone = new ReadOnlyObjectWrapper<>(Tone.UNKNOWN);
    private List<String> warnings = List.of();
    private final BooleanBinding recordEvidence;

    public ValidationViewModel(Session session, ValidationService service) {
        this.session = session;
        this.service = service;
        this.recordEvidence = Bindings.createBooleanBinding(
                () -> session.planKind().supports(PlanKind.Capability.RECORD_EVIDENCE), session.planProperty());
        session.planProperty().addListener((o, was, plan) -> reset(plan));
        reset(session.plan());
        selected.addListener((o, was, row) -> showEvidence(row));
    }

    /** Record-by-record evidence, for the kinds that have it; other kinds' checks list their rows at fault. */
    public BooleanBinding recordEvidence() {
        return recordEvidence;
    }

    /** What the record pane says before a record is compared: how to use it, or why this plan's kind has none. */
    public String recordHint() {
        return recordEvidence.get() ? "Pick a failing key to see the source record beside each target document,"
                + " differing fields first." : "This plan's checks list the " + session.planKind().records()
                + " at fault in their evidence; record-by-record comparison is for plans that map documents.";
    }

    public ObservableList<CheckRow> checks() {
        return checks;
    }

    public ObjectProperty<CheckRow> selectedProperty() {
        return selected;
    }

    public ObservableList<String> evidence() {
        return evidence;
    }

    public ObservableList<String> failingKeys() {
        return failingKeys;
    }

    public ObservableList<String> notCovered() {
        return notCovered;
    }

    public ReadOnlyObjectProperty<RecordComparison> comparisonProperty() {
        return comparison.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    /** Why a verdict whose checks all passed is amber ("60 of 600 source records are in quarantine…"), or empty. */
    public String verdictWarning() {
        return String.join("\n", warnings);
    }

    public ReadOnlyObjectProperty<Tone> verdictToneProperty() {
        return verdictTone.getReadOnlyProperty();
    }

    public BooleanBinding validateDisabled() {
        return session.notAllowed(Action.VALIDATE).or(busy);
    }

    public StringBinding validateReason() {
        return session.reason(Action.VALIDATE);
    }

    public BooleanBinding rerunDisabled() {
        return validateDisabled().or(selected.isNull());
    }

    // Commands

    public void validateAll() {
        run(null);
    }

    public void rerunSelected() {
        if (selected.get() != null) {
            run(selected.get().spec());
        }
    }

    /** Reads the record with this key and its target documents, for the side-by-side evidence. */
    public void compare(String sourceKey) {
        if (sourceKey == null || sourceKey.isBlank()) {
            return;
        }
        message.set("");
        service.compare(sourceKey.strip(), comparison::set, failure -> {
            comparison.set(null);
            message.set(failure);
        });
    }

    /** The failing keys of the selected check, one a line, for the clipboard. */
    public String failingKeysText() {
        return String.join("\n", failingKeys);
    }

    public void exportFailingKeys(Path file) {
        try {
            Files.write(file, failingKeys, StandardCharsets.UTF_8);
            session.info("validation", "Exported " + failingKeys.size() + " failing keys to " + file);
        } catch (IOException e) {
            message.set("Cannot write " + file + ": " + e.getMessage() + ". Pick another place.");
        }
    }

    private void run(CheckSpec only) {
        message.set("");
        busy.set(true);
        checks.replaceAll(row -> only == null || row.spec().equals(only) ? new CheckRow(row.spec(), row.result(), true)
                : row);
        service.validate(only, report -> {
            busy.set(false);
            apply(report);
        }, failure -> {
            busy.set(false);
            checks.replaceAll(row -> new CheckRow(row.spec(), row.result(), false));
            message.set(failure);
        });
    }

    private void apply(ValidationReport report) {
        String keep = selected.get() == null ? null : selected.get().name();
        if (!session.planKind().supports(PlanKind.Capability.CHECKS_IN_PLAN)) {
            checks.setAll(report.checks().stream().map(c -> new CheckRow(null, c, false)).toList());
        }
        checks.replaceAll(row -> report.checks().stream().filter(c -> c.name().equals(row.name())).findFirst()
                .map(result -> new CheckRow(row.spec(), result, false))
                .orElse(new CheckRow(row.spec(), row.result(), false)));
        if (!report.notCovered().isEmpty()) {
            notCovered.setAll(report.notCovered());
        }
        warnings = report.warnings();
        paintVerdict();
        checks.stream().filter(r -> r.name().equals(keep)).findFirst().ifPresentOrElse(r -> {
            selected.set(r);
            showEvidence(r);
        }, () -> checks.stream().filter(r -> r.tone() == Tone.FAIL).findFirst().ifPresent(selected::set));
    }

    private void paintVerdict() {
        long passed = checks.stream().filter(r -> r.tone() == Tone.OK).count();
        long failed = checks.stream().filter(r -> r.tone() == Tone.FAIL).count();
        long cannot = checks.stream().filter(r -> r.result() != null
                && r.result().status() == CheckResult.CheckStatus.COULD_NOT_CHECK).count();
        long notRun = checks.stream().filter(r -> r.result() == null).count();
        verdict.set(passed + " passed · " + failed + " mismatched · " + cannot + " cannot check"
                + (notRun > 0 ? " · " + notRun + " not run" : "")
                + (warnings.isEmpty() ? "" : " · ⚠ not all migrated"));
        // green only when all passed and the run migrated every source record (else amber, as the CLI says ⚠)
        verdictTone.set(failed > 0 ? Tone.FAIL : notRun == 0 && cannot == 0 && warnings.isEmpty() ? Tone.OK
                : Tone.PENDING);
    }

    private void showEvidence(CheckRow row) {
        comparison.set(null);
        if (row == null || row.result() == null) {
            evidence.setAll(row == null ? List.of() : List.of("Not run yet: run the check to see its evidence."));
            failingKeys.clear();
            return;
        }
        CheckResult r = row.result();
        evidence.setAll(r.evidence());
        evidence.add(0, r.summary());
        failingKeys.setAll(r.failingKeys());
        if (r.mismatched() > r.failingKeys().size()) {
            evidence.add("Listing " + Formats.count(r.failingKeys().size()) + " of " + Formats.count(r.mismatched())
                    + " failing keys.");
        }
    }

    private void reset(MigrationPlan plan) {
        selected.set(null);
        comparison.set(null);
        evidence.clear();
        failingKeys.clear();
        checks.setAll(plan == null ? List.of() : plan.checks().stream().map(CheckRow::notRun).toList());
        notCovered.setAll(List.of(plan == null || plan.kind().supports(PlanKind.Capability.CHECKS_IN_PLAN)
                ? "Run the checks to see what they do not cover."
                : "This plan's checks follow from the database's catalog: Validate all runs them."));
        warnings = List.of();
        paintVerdict();
        if (plan == null) {
            verdict.set("no plan");
        }
    }
}
