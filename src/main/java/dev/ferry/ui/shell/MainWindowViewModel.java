package dev.ferry.ui.shell;

import dev.ferry.service.ConsoleState;
import dev.ferry.service.LogEntry;
import dev.ferry.service.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/** The main window: which screen shows, the status bar's figures, the log drawer and the theme. */
public final class MainWindowViewModel implements Navigator {

    private final Session session;
    private final List<UnsavedWork> unsavedWork = new ArrayList<>();

    // Properties
    private final ObjectProperty<Screen> screen = new SimpleObjectProperty<>(Screen.CONNECTIONS);
    private final BooleanProperty logOpen = new SimpleBooleanProperty(false);
    private final BooleanProperty dark = new SimpleBooleanProperty(false);
    private final StringBinding planLabel;
    private final StringBinding logButtonLabel;

    public MainWindowViewModel(Session session) {
        this.session = session;
        planLabel = Bindings.createStringBinding(() -> session.plan() == null ? "no plan"
                : "plan " + session.plan().name() + " · " + session.plan().hash().substring(0, 8),
                session.planProperty());
        logButtonLabel = Bindings.createStringBinding(() -> {
            long errors = session.log().stream().filter(e -> e.level() == LogEntry.Level.ERROR).count();
            return errors == 0 ? "Log" : "Log (" + errors + (errors == 1 ? " error)" : " errors)");
        }, session.log());
    }

    public Session session() {
        return session;
    }

    public ObjectProperty<Screen> screenProperty() {
        return screen;
    }

    public BooleanProperty logOpenProperty() {
        return logOpen;
    }

    public BooleanProperty darkProperty() {
        return dark;
    }

    public StringBinding planLabel() {
        return planLabel;
    }

    public StringBinding logButtonLabel() {
        return logButtonLabel;
    }

    public ReadOnlyObjectProperty<ConsoleState> stateProperty() {
        return session.stateProperty();
    }

    // Commands

    @Override
    public void show(Screen target) {
        screen.set(target);
    }

    /** The whole log as text, for the clipboard. */
    public String logText() {
        return session.log().stream().map(LogEntry::toString).collect(Collectors.joining("\n"));
    }

    /** Registers work that closing the console would lose: the close asks to save it first. */
    public void watch(UnsavedWork work) {
        unsavedWork.add(work);
    }

    /** The first work that is not saved, asked about before the window closes (then the next, if any). */
    public Optional<UnsavedWork> unsavedWork() {
        return unsavedWork.stream().filter(w -> w.unsaved().isPresent()).findFirst();
    }

    /**
     * What to ask about a run before the window closes, or null to close at once. A run keeps its checkpoint either way: closing
     * stops it between batches and it can be resumed.
     */
    public String closeQuestion() {
        return closeQuestion(false);
    }

    /**
     * What to ask before the window closes, or null when nothing is in progress. {@code runInWorker}: the run goes on in
     * a worker process without the console, so the question is whether to leave it running (the default) or stop it
     * after its current batch.
     */
    public String closeQuestion(boolean runInWorker) {
        ConsoleState state = session.state();
        if (runInWorker && state == ConsoleState.RUNNING) {
            return "A run of " + (session.plan() == null ? "the plan" : session.plan().name()) + " is working in a"
                    + " worker process of its own. Leave it running: it goes on without the console, and any console"
                    + " (or ferry status --follow) shows it. Or stop it after its current batch: its checkpoint is"
                    + " kept and it can be resumed.";
        }
        if (state == ConsoleState.RUNNING || state == ConsoleState.ROLLING_BACK) {
            return "A " + (state == ConsoleState.RUNNING ? "run" : "rollback") + " is in progress. Closing Ferry stops it"
                    + " after the current batch; its checkpoint is kept and it can be resumed from History."
                    + " Close anyway?";
        }
        if (state.busy()) {
            return "A " + state.label().replace("…", "") + " is in progress and will be abandoned. Close anyway?";
        }
        return null;
    }
}
