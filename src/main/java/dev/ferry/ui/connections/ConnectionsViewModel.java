package dev.ferry.ui.connections;

import dev.ferry.profile.ConnectionProfile;
import dev.ferry.profile.ConnectionProfiles;
import dev.ferry.service.ConnectionService;
import dev.ferry.service.Session;
import dev.ferry.service.Tone;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Saved connection profiles and the built-in demo: edit, test, connect. Passwords live only in the form while it is
 * open; profiles are saved without them.
 */
public final class ConnectionsViewModel {

    private final Session session;
    private final ConnectionService service;
    private final ConnectionProfiles store;

    // Properties
    private final ObservableList<ProfileRow> profiles = FXCollections.observableArrayList();
    private final ObjectProperty<ProfileRow> selected = new SimpleObjectProperty<>();
    private final StringProperty name = new SimpleStringProperty("");
    private final ObjectProperty<ConnectionProfile.Kind> kind = new SimpleObjectProperty<>(ConnectionProfile.Kind.MONGODB);
    private final StringProperty uri = new SimpleStringProperty("");
    private final StringProperty host = new SimpleStringProperty("localhost");
    private final IntegerProperty port = new SimpleIntegerProperty(5432);
    private final StringProperty database = new SimpleStringProperty("");
    private final StringProperty user = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Tone> resultTone = new ReadOnlyObjectWrapper<>(Tone.UNKNOWN);
    private final BooleanBinding demoSelected =
            Bindings.createBooleanBinding(() -> selected.get() != null && selected.get().isDemo(), selected);

    public ConnectionsViewModel(Session session, ConnectionService service, ConnectionProfiles store) {
        this.session = session;
        this.service = service;
        this.store = store;
        profiles.add(ProfileRow.demo(Tone.UNKNOWN, "not started", ""));
        profiles.add(ProfileRow.shopDemo(Tone.UNKNOWN, "not started", ""));
        try {
            store.load().forEach(p -> profiles.add(new ProfileRow(p.name(), p, Tone.UNKNOWN, "unknown", "")));
        } catch (RuntimeException e) {
            show(Tone.FAIL, e.getMessage());
        }
        selected.addListener((o, was, row) -> {
            if (was == null || row == null || !was.name().equals(row.name())) {
                fillForm(row); // a row replaced by its own newer state keeps the form as typed
            }
        });
        session.connectionProperty().addListener((o, was, now) -> reflectSession());
        reflectSession();
    }

    public ObservableList<ProfileRow> profiles() {
        return profiles;
    }

    public ObjectProperty<ProfileRow> selectedProperty() {
        return selected;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ObjectProperty<ConnectionProfile.Kind> kindProperty() {
        return kind;
    }

    public StringProperty uriProperty() {
        return uri;
    }

    public StringProperty hostProperty() {
        return host;
    }

    public IntegerProperty portProperty() {
        return port;
    }

    public StringProperty databaseProperty() {
        return database;
    }

    public StringProperty userProperty() {
        return user;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    /** The outcome of the last test or connect, in words. */
    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Tone> resultToneProperty() {
        return resultTone.getReadOnlyProperty();
    }

    public BooleanBinding isPostgres() {
        return Bindings.equal(kind, ConnectionProfile.Kind.POSTGRESQL);
    }

    public BooleanBinding demoSelected() {
        return demoSelected;
    }

    // Commands

    /** Clears the form for a new profile. */
    public void newProfile() {
        selected.set(null);
        name.set("");
        kind.set(ConnectionProfile.Kind.MONGODB);
        uri.set("mongodb://localhost:27017/");
        password.set("");
        show(Tone.UNKNOWN, "");
    }

    /** Saves the form as a profile (replacing one of the same name); a password typed in the URI moves out of it. */
    public void save() {
        ConnectionProfile profile;
        try {
            profile = fromForm();
        } catch (IllegalArgumentException e) {
            show(Tone.FAIL, e.getMessage());
            return;
        }
        List<ConnectionProfile> saved = new ArrayList<>();
        profiles.stream().filter(r -> !r.isDemo() && !r.name().equals(profile.name())).forEach(r -> saved.add(r.profile()));
        saved.add(profile);
        try {
            store.save(saved);
        } catch (RuntimeException e) {
            show(Tone.FAIL, e.getMessage());
            return;
        }
        profiles.removeIf(r -> !r.isDemo() && r.name().equals(profile.name()));
        ProfileRow row = new ProfileRow(profile.name(), profile, Tone.UNKNOWN, "unknown", "");
        profiles.add(row);
        String typedPassword = password.get();
        selected.set(row);
        password.set(typedPassword); // the form keeps it for this session; the file never sees it
        show(Tone.OK, "Saved " + profile.name() + " (without its password) in " + store.file());
    }

    public void delete() {
        ProfileRow row = selected.get();
        if (row == null || row.isDemo()) {
            return;
        }
        List<ConnectionProfile> saved = new ArrayList<>();
        profiles.stream().filter(r -> !r.isDemo() && r != row).forEach(r -> saved.add(r.profile()));
        try {
            store.save(saved);
        } catch (RuntimeException e) {
            show(Tone.FAIL, e.getMessage());
            return;
        }
        profiles.remove(row);
        newProfile();
    }

    /** Opens a connection to the form's address, pings and closes it; the session is untouched. */
    public void test() {
        if (demoSelected().get()) {
            String running = demoAddress(selected.get());
            show(Tone.OK, running == null ? "The demo starts on this machine when you connect to it."
                    : "The demo runs at " + running);
            return;
        }
        withAddress(address -> {
            busy.set(true);
            show(Tone.RUNNING, "Testing…");
            service.test(address, failure -> {
                busy.set(false);
                mark(failure);
                show(failure == null ? Tone.OK : Tone.FAIL, failure == null ? "Connection works." : failure);
            });
        });
    }

    /** Connects the console to the form's address (or starts the demo). */
    public void connect() {
        busy.set(true);
        show(Tone.RUNNING, "Connecting…");
        Consumer<String> done = failure -> {
            busy.set(false);
            mark(failure);
            show(failure == null ? Tone.OK : Tone.FAIL, failure == null ? "Connected." : failure);
        };
        if (demoSelected().get()) {
            if (selected.get().isShopDemo()) {
                service.connectShopDemo(done);
            } else {
                service.startDemo(done);
            }
            return;
        }
        withAddress(address -> service.connect(address, done));
    }

    private void withAddress(Consumer<String> action) {
        try {
            action.accept(fromForm().address(password.get()));
        } catch (IllegalArgumentException e) {
            busy.set(false);
            show(Tone.FAIL, e.getMessage());
        }
    }

    private ConnectionProfile fromForm() {
        String n = name.get() == null || name.get().isBlank() ? "unnamed" : name.get().strip();
        if (kind.get() == ConnectionProfile.Kind.MONGODB) {
            String u = uri.get() == null ? "" : uri.get().strip();
            if (!u.startsWith("mongodb://") && !u.startsWith("mongodb+srv://")) {
                throw new IllegalArgumentException("A MongoDB address starts with mongodb:// or mongodb+srv://,"
                        + " e.g. mongodb://localhost:27017/narrative_modeling");
            }
            String typed = ConnectionProfile.mongo(n, u).uri();
            if (!typed.equals(u)) { // a password typed into the URI: keep it for this session only
                password.set(ConnectionProfile.passwordIn(u));
                uri.set(typed);
            }
            return ConnectionProfile.mongo(n, typed);
        }
        if (host.get() == null || host.get().isBlank() || database.get() == null || database.get().isBlank()
                || user.get() == null || user.get().isBlank()) {
            throw new IllegalArgumentException("PostgreSQL needs a host, a database and a user.");
        }
        if (port.get() < 1 || port.get() > 65535) {
            throw new IllegalArgumentException("The port must be between 1 and 65535, was " + port.get() + ".");
        }
        return ConnectionProfile.postgres(n, host.get().strip(), port.get(), database.get().strip(), user.get().strip());
    }

    private void fillForm(ProfileRow row) {
        if (row == null) {
            return;
        }
        name.set(row.name());
        password.set("");
        if (row.isDemo()) {
            kind.set(ConnectionProfile.Kind.MONGODB);
            String running = demoAddress(row);
            uri.set(running == null ? "(started on connect)" : running);
        } else {
            ConnectionProfile p = row.profile();
            kind.set(p.kind());
            if (p.kind() == ConnectionProfile.Kind.MONGODB) {
                uri.set(p.uri());
            } else {
                host.set(p.host());
                port.set(p.port());
                database.set(p.database());
                user.set(p.user());
            }
        }
        show(row.tone(), row.reason());
    }

    /** Records the outcome on the selected row: each profile shows its state, and when failed, why. */
    private void mark(String failure) {
        ProfileRow row = selected.get();
        if (row != null) {
            replace(row.with(failure == null ? Tone.OK : Tone.FAIL, failure == null ? "works" : "failed",
                    failure == null ? "" : failure));
        }
    }

    /** Puts {@code updated} in place of the row with its name, keeping the selection on it. */
    private void replace(ProfileRow updated) {
        for (int i = 0; i < profiles.size(); i++) {
            if (profiles.get(i).name().equals(updated.name())) {
                profiles.set(i, updated);
            }
        }
        if (selected.get() != null && selected.get().name().equals(updated.name())) {
            selected.set(updated);
        }
    }

    private void reflectSession() {
        String label = session.connectionLabelProperty().get();
        for (int i = 0; i < profiles.size(); i++) {
            ProfileRow row = profiles.get(i);
            boolean current = row.isDemo() ? label.equals(demoAddress(row))
                    : label.equals(ConnectionService.label(row.profile().address("")));
            if (current) {
                var status = session.connectionProperty().get();
                replace(row.with(status.tone(), status.label(), row.reason()));
                if (row.isDemo() && selected.get() != null && selected.get().name().equals(row.name())) {
                    uri.set(demoAddress(row)); // the demo's address once it runs, not "(started on connect)"
                }
            }
        }
    }

    /** Where a built-in demo runs (as the session labels it), or null before it started. */
    private String demoAddress(ProfileRow row) {
        return row.isShopDemo() ? service.shopDemoLabel() : service.demoUri();
    }

    private void show(Tone tone, String text) {
        resultTone.set(tone);
        result.set(text == null ? "" : text);
    }
}
