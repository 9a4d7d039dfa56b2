package dev.ferry.ui.connections;

import dev.ferry.profile.ConnectionProfile;
import dev.ferry.ui.common.Fxml;
import dev.ferry.ui.common.StatusChip;
import javafx.beans.binding.BooleanBinding;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/** Binds the connections screen to its view model. */
public final class ConnectionsView {

    @FXML private Button add;
    @FXML private ListView<ProfileRow> profiles;
    @FXML private TextField name;
    @FXML private ChoiceBox<ConnectionProfile.Kind> kind;
    @FXML private Label uriLabel;
    @FXML private TextField uri;
    @FXML private Label hostLabel;
    @FXML private TextField host;
    @FXML private Label portLabel;
    @FXML private TextField port;
    @FXML private Label databaseLabel;
    @FXML private TextField database;
    @FXML private Label userLabel;
    @FXML private TextField user;
    @FXML private Label passwordLabel;
    @FXML private PasswordField password;
    @FXML private Button test;
    @FXML private Button connect;
    @FXML private Button save;
    @FXML private Button delete;
    @FXML private StatusChip result;

    private final Parent root;

    public ConnectionsView(ConnectionsViewModel model) {
        root = Fxml.load(this, "connections/Connections.fxml");
        profiles.setItems(model.profiles());
        profiles.setCellFactory(list -> new ProfileCell());
        profiles.getSelectionModel().selectedItemProperty().addListener((o, was, row) -> {
            if (row != null && row != model.selectedProperty().get()) {
                model.selectedProperty().set(row);
            }
        });
        model.selectedProperty().addListener((o, was, row) -> {
            if (row == null) {
                profiles.getSelectionModel().clearSelection();
            } else if (profiles.getSelectionModel().getSelectedItem() != row) {
                profiles.getSelectionModel().select(row);
            }
        });
        add.setOnAction(e -> model.newProfile());

        name.textProperty().bindBidirectional(model.nameProperty());
        kind.getItems().setAll(ConnectionProfile.Kind.values());
        kind.valueProperty().bindBidirectional(model.kindProperty());
        uri.textProperty().bindBidirectional(model.uriProperty());
        host.textProperty().bindBidirectional(model.hostProperty());
        port.textProperty().bindBidirectional(model.portProperty(), new javafx.util.converter.NumberStringConverter("#"));
        database.textProperty().bindBidirectional(model.databaseProperty());
        user.textProperty().bindBidirectional(model.userProperty());
        password.textProperty().bindBidirectional(model.passwordProperty());

        BooleanBinding postgres = model.isPostgres();
        showWhen(postgres.not(), uriLabel, uri);
        showWhen(postgres, hostLabel, host, portLabel, port, databaseLabel, database, userLabel, user);
        BooleanBinding demo = model.demoSelected();
        for (Node field : new Node[] {name, kind, uri, password}) {
            field.disableProperty().bind(demo);
        }
        save.disableProperty().bind(demo.or(model.busyProperty()));
        delete.disableProperty().bind(demo.or(model.selectedProperty().isNull()));
        test.disableProperty().bind(model.busyProperty());
        connect.disableProperty().bind(model.busyProperty());
        test.setOnAction(e -> model.test());
        connect.setOnAction(e -> model.connect());
        save.setOnAction(e -> model.save());
        delete.setOnAction(e -> model.delete());

        Runnable paint = () -> {
            result.show(model.resultToneProperty().get(), model.resultProperty().get());
            result.setVisible(!model.resultProperty().get().isEmpty());
        };
        model.resultProperty().addListener((o, a, b) -> paint.run());
        model.resultToneProperty().addListener((o, a, b) -> paint.run());
        paint.run();
        if (!model.profiles().isEmpty()) {
            model.selectedProperty().set(model.profiles().get(0));
        }
    }

    public Parent root() {
        return root;
    }

    private static void showWhen(BooleanBinding condition, Node... nodes) {
        for (Node n : nodes) {
            n.visibleProperty().bind(condition);
            n.managedProperty().bind(condition);
        }
    }

    /** A profile: its name, its address (no password) and its state with, when it failed, the reason. */
    private static final class ProfileCell extends ListCell<ProfileRow> {
        @Override
        protected void updateItem(ProfileRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label title = new Label(row.name());
            title.getStyleClass().add("profile-name");
            Label address = new Label(row.display());
            address.getStyleClass().add("muted");
            address.setWrapText(true);
            address.setMaxWidth(300);
            VBox box = new VBox(2, title, address, new StatusChip(row.tone(), row.status()));
            if (!row.reason().isEmpty()) {
                Label reason = new Label(row.reason());
                reason.getStyleClass().add("error-text");
                reason.setWrapText(true);
                reason.setMaxWidth(300);
                box.getChildren().add(reason);
            }
            setText(null);
            setGraphic(box);
        }
    }
}
