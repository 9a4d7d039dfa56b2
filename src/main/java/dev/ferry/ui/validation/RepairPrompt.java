package dev.ferry.ui.validation;

import dev.ferry.engine.RepairReport;
import dev.ferry.service.Session;
import dev.ferry.ui.common.Formats;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * "Repair N records…" on the Validation screen: offered when a failed validation's mismatches can be repaired, and
 * confirmed, as a rollback is, by typing the plan's name.
 */
public final class RepairPrompt {

    private final Session session;
    private final ObjectProperty<RepairReport> found = new SimpleObjectProperty<>();
    private final BooleanProperty confirming = new SimpleBooleanProperty();
    private final StringProperty typed = new SimpleStringProperty("");
    private final BooleanBinding offered;
    private final BooleanBinding canConfirm;

    RepairPrompt(Session session) {
        this.session = session;
        offered = Bindings.createBooleanBinding(() -> records(found.get()) > 0, found);
        canConfirm = Bindings.createBooleanBinding(() -> offered.get() && confirming.get()
                && typed.get() != null && typed.get().strip().equals(planName()), offered, confirming, typed,
                session.planProperty());
    }

    /** Source records a repair writes without asking by key (a record can have several targets). */
    static long records(RepairReport r) {
        return r == null ? 0 : r.items().stream().filter(RepairReport.Item::repair).map(RepairReport.Item::key)
                .distinct().count();
    }

    public BooleanBinding offered() {
        return offered;
    }

    public BooleanProperty confirmingProperty() {
        return confirming;
    }

    public StringProperty typedProperty() {
        return typed;
    }

    public BooleanBinding canConfirm() {
        return canConfirm;
    }

    /** "Repair 3 records…". */
    public String buttonText() {
        long n = records(found.get());
        return "Repair " + Formats.count(n) + (n == 1 ? " record…" : " records…");
    }

    public ObjectProperty<RepairReport> foundProperty() {
        return found;
    }

    /** What the confirmation says will happen, and what is left alone. */
    public String prompt() {
        RepairReport r = found.get();
        if (r == null) {
            return "";
        }
        long left = r.left();
        return "Re-applies the plan to " + Formats.count(records(r)) + " source records whose targets are missing or"
                + " differ, as batches of run " + r.runId() + " (its rollback undoes them), then checks them again."
                + (left > 0 ? " " + Formats.count(left) + " targets someone else changed are left alone (ferry repair"
                + " --key repairs them)." : "") + " To confirm, type the plan's name, " + planName() + ", below.";
    }

    void offer(RepairReport r) {
        typed.set("");
        confirming.set(false);
        found.set(r);
    }

    void withdraw() {
        offer(null);
    }

    public void ask() {
        if (offered.get()) {
            typed.set("");
            confirming.set(true);
        }
    }

    public void cancel() {
        confirming.set(false);
        typed.set("");
    }

    private String planName() {
        return session.plan() == null ? "" : session.plan().name();
    }
}
