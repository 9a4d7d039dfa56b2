package dev.ferry.ui.assessment;

import dev.ferry.engine.AssessReport.CollectionStats;
import dev.ferry.engine.AssessReport;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.service.AssessmentService;
import dev.ferry.service.Session;
import dev.ferry.ui.common.Formats;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** What is in the database: collections with counts and sizes, and the selected one's field inventory. */
public final class AssessmentViewModel {

    private final Session session;
    private final AssessmentService service;

    // Properties
    private final IntegerProperty sampleSize = new SimpleIntegerProperty(1_000);
    private final ReadOnlyObjectWrapper<AssessReport> report = new ReadOnlyObjectWrapper<>();
    private final ObservableList<CollectionStats> collections = FXCollections.observableArrayList();
    private final ObjectProperty<CollectionStats> selected = new SimpleObjectProperty<>();
    private final ObservableList<FieldRow> fields = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Not analysed — Analyse");
    private final ReadOnlyStringWrapper fieldsTitle = new ReadOnlyStringWrapper("Fields");
    private final ReadOnlyStringWrapper keys = new ReadOnlyStringWrapper("");

    public AssessmentViewModel(Session session, AssessmentService service) {
        this.session = session;
        this.service = service;
        selected.addListener((o, was, c) -> showFields(c));
        session.engineProperty().addListener((o, was, now) -> clear());
    }

    public IntegerProperty sampleSizeProperty() {
        return sampleSize;
    }

    public ReadOnlyObjectProperty<AssessReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ObservableList<CollectionStats> collections() {
        return collections;
    }

    public ObjectProperty<CollectionStats> selectedProperty() {
        return selected;
    }

    public ObservableList<FieldRow> fields() {
        return fields;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** What was analysed, or the empty state: "analysed 1,000 of 10,523 documents of user_data …". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /**
     * The header of column {@code i} of the tables (0 the name, 1 the count, 2 a field's name) in the connected
     * database's words: collection / documents / field, or table / rows / column.
     */
    public StringBinding headerProperty(int i) {
        return Bindings.createStringBinding(() -> (tables()
                ? List.of("table", "rows", "column") : List.of("collection", "documents", "field")).get(i),
                session.engineProperty());
    }

    /** The selected table's keys and references (PostgreSQL), or empty. */
    public ReadOnlyStringProperty keysProperty() {
        return keys.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty fieldsTitleProperty() {
        return fieldsTitle.getReadOnlyProperty();
    }

    // Commands

    public void analyse() {
        busy.set(true);
        message.set("");
        summary.set("Analysing…");
        service.assess(Math.max(1, sampleSize.get()), r -> {
            busy.set(false);
            report.set(r);
            collections.setAll(r.collections());
            summary.set(describe(r, tables()));
            String plannedSource = plannedSource();
            selected.set(r.collections().stream().filter(c -> c.name().equals(plannedSource)).findFirst()
                    .orElse(r.collections().isEmpty() ? null : r.collections().get(0)));
        }, failure -> {
            busy.set(false);
            summary.set(report.get() == null ? "Not analysed — Analyse" : describe(report.get(), tables()));
            message.set(failure);
        });
    }

    private void showFields(CollectionStats c) {
        if (c == null) {
            fields.clear();
            fieldsTitle.set("Fields");
            keys.set("");
            return;
        }
        fields.setAll(c.fields().stream().map(FieldRow::new).toList());
        long flagged = fields.stream().filter(f -> !f.notes().isEmpty()).count();
        boolean tables = tables();
        fieldsTitle.set((tables ? "Columns of " : "Fields of ") + c.name() + " — from " + Formats.count(c.sampled())
                + " sampled of " + Formats.count(c.count()) + (tables ? " rows (present = not NULL)" : " documents")
                + (flagged > 0 ? " · " + flagged + " to look at" : ""));
        keys.set(String.join(" · ", c.notes()));
    }

    private void clear() {
        report.set(null);
        collections.clear();
        selected.set(null);
        summary.set("Not analysed — Analyse");
    }

    /** True when the connected database is PostgreSQL: tables, rows and columns instead of collections. */
    private boolean tables() {
        return session.engine() != null && "PostgreSQL".equals(session.engine().kind());
    }

    static String describe(AssessReport r) {
        return describe(r, false);
    }

    static String describe(AssessReport r, boolean tables) {
        if (r.collections().isEmpty()) {
            return "Database " + r.database() + " has no " + (tables ? "tables" : "collections") + " to analyse.";
        }
        long docs = r.collections().stream().mapToLong(CollectionStats::count).sum();
        long sampled = r.collections().stream().mapToLong(CollectionStats::sampled).sum();
        List<String> skipped = r.skipped();
        return "Database " + r.database() + ": " + r.collections().size()
                + (r.collections().size() == 1 ? (tables ? " table" : " collection") : (tables ? " tables" : " collections"))
                + ", analysed " + Formats.count(sampled) + " of " + Formats.count(docs) + (tables ? " rows" : " documents")
                + " (sizes are estimates from the"
                + " sample) at " + Formats.time(r.at()) + (skipped.isEmpty() ? "" : " · skipped Ferry's own "
                + String.join(", ", skipped));
    }

    /** The collection (or table) the open plan reads, to select first. */
    private String plannedSource() {
        MigrationPlan plan = session.plan();
        return plan == null ? null : plan.sourceName();
    }
}
