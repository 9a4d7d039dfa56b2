package dev.ferry.ui.migrations;

import dev.ferry.engine.set.Direction;
import dev.ferry.engine.set.LeaseInfo;
import dev.ferry.engine.set.Selection;
import dev.ferry.engine.set.SetStatusReport;
import dev.ferry.plan.MigrationSet;
import dev.ferry.service.LatestSetProgress;
import dev.ferry.service.MigrationSetService;
import dev.ferry.service.TaskExecutor;
import dev.ferry.ui.common.Formats;
import java.nio.file.Path;
import java.time.Duration;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Migrations screen: every version of a set with its status, and run all / run one / roll back one / roll back
 * all, each asked for first and confirmed (a rollback by typing the set's name), with progress while it works.
 */
public final class MigrationsViewModel {

    private final MigrationSetService service;
    private final TaskExecutor executor;

    // Properties
    private final ObservableList<VersionRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<VersionRow> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Open a migration set folder.");
    private final ReadOnlyStringWrapper lease = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper question = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper typeToConfirm = new ReadOnlyStringWrapper("");
    private final StringProperty typed = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper leaseHeld = new ReadOnlyBooleanWrapper();
    private MigrationSet set;
    private SetStatusReport status;
    private Runnable pending;

    public MigrationsViewModel(MigrationSetService service, TaskExecutor executor) {
        this.service = service;
        this.executor = executor;
    }

    public ObservableList<VersionRow> rows() {
        return rows;
    }

    public ObjectProperty<VersionRow> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty leaseProperty() {
        return lease.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** The pending action's question, or empty when nothing waits for confirmation. */
    public ReadOnlyStringProperty questionProperty() {
        return question.getReadOnlyProperty();
    }

    /** What must be typed to confirm (the set's name, for a rollback), or empty when a click confirms. */
    public ReadOnlyStringProperty typeToConfirmProperty() {
        return typeToConfirm.getReadOnlyProperty();
    }

    /** True while another run (or a dead one) holds the database's set lease. */
    public ReadOnlyBooleanProperty leaseHeldProperty() {
        return leaseHeld.getReadOnlyProperty();
    }

    public StringProperty typedProperty() {
        return typed;
    }

    public BooleanBinding actionsDisabled() {
        return running.or(loaded.not()).or(question.isNotEmpty());
    }

    public BooleanBinding oneDisabled() {
        return actionsDisabled().or(selected.isNull());
    }

    public BooleanBinding confirmDisabled() {
        return Bindings.createBooleanBinding(() -> question.get().isEmpty()
                || (!typeToConfirm.get().isEmpty() && !typeToConfirm.get().equals(typed.get().strip())),
                question, typeToConfirm, typed);
    }

    // Commands

    public void open(Path dir) {
        message.set("");
        service.load(dir, this::show, message::set);
    }

    public void refresh() {
        if (set != null) {
            open(set.dir());
        }
    }

    public void askRunAll() {
        ask("Apply every pending version of " + set.name() + ", oldest first?", "", Direction.UP, Selection.all());
    }

    public void askRunSelected() {
        VersionRow row = selected.get();
        ask("Apply " + row.label() + " (" + row.description() + ") alone?", "", Direction.UP,
                Selection.only(row.version()));
    }

    public void askRollBackSelected() {
        VersionRow row = selected.get();
        ask("Roll back " + row.label() + " (" + row.description() + ")? Type the set's name to confirm.", set.name(),
                Direction.DOWN, Selection.only(row.version()));
    }

    public void askRollBackAll() {
        ask("Roll back every applied version of " + set.name() + ", newest first? Type the set's name to confirm.",
                set.name(), Direction.DOWN, Selection.all());
    }

    /** Releasing another holder's lease lets two runs write at once: it wants the database's name typed. */
    public void askReleaseLease() {
        LeaseInfo held = status.lease();
        message.set("");
        typed.set("");
        typeToConfirm.set(status.database());
        question.set("Release the set lease held by " + held.operator() + " on " + held.host() + " (" + held.doing()
                + ")? Only if that process is dead. Type the database's name to confirm.");
        pending = () -> service.releaseLease(set, held.owner(), this::show, message::set);
    }

    public void confirm() {
        if (!confirmDisabled().get() && pending != null) {
            Runnable action = pending;
            cancel();
            action.run();
        }
    }

    public void cancel() {
        pending = null;
        question.set("");
        typeToConfirm.set("");
        typed.set("");
    }

    private void ask(String text, String mustType, Direction direction, Selection selection) {
        message.set("");
        typed.set("");
        typeToConfirm.set(mustType);
        question.set(text);
        pending = () -> start(direction, selection);
    }

    private void start(Direction direction, Selection selection) {
        running.set(true);
        progress.set(-1);
        LatestSetProgress latest = new LatestSetProgress();
        TaskExecutor.Ticker ticker = executor.every(Duration.ofMillis(250), () -> {
            progress.set(latest.fraction());
            progressText.set(latest.text());
        });
        service.run(set, direction, selection, latest, result -> {
            ticker.stop();
            running.set(false);
            progress.set(1);
            progressText.set(result.report().message());
            if (!result.report().succeeded()) {
                message.set(result.report().message());
            }
            show(result);
        }, failure -> {
            ticker.stop();
            running.set(false);
            progress.set(0);
            progressText.set("");
            message.set(failure);
        });
    }

    private void show(MigrationSetService.Loaded result) {
        set = result.set();
        loaded.set(true);
        status = result.status();
        Long keep = selected.get() == null ? null : selected.get().version();
        rows.setAll(status.versions().stream().map(VersionRow::of).toList());
        selected.set(rows.stream().filter(r -> keep != null && r.version() == keep).findFirst().orElse(null));
        summary.set("Set " + status.set() + " (" + set.dir() + ") on database " + status.database() + ": at V"
                + status.current() + " · " + status.count("completed") + " completed, " + status.count("pending")
                + " pending, " + status.count("failed") + " failed, " + status.count("rolled_back") + " rolled back");
        LeaseInfo l = status.lease();
        leaseHeld.set(l != null);
        lease.set(l == null ? "Lease: free" : "Lease: held by " + l.operator() + " on " + l.host() + " (" + l.doing()
                + "), expires " + Formats.time(l.expiresAt()) + " unless renewed");
    }
}
