package dev.ferry.ui.plan;

import dev.ferry.plan.PlanError;
import dev.ferry.ui.common.Fxml;
import java.io.File;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;
import org.fxmisc.richtext.util.UndoUtils;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * Binds the plan text editor (a RichTextFX code area) to its view model: the text both ways, YAML colours, errors
 * marked at their lines and underlined where they are, and the keys an editor has (undo, redo, save, indentation).
 */
public final class PlanEditorView {

    private static final KeyCombination UNDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination REDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);
    private static final KeyCombination REDO_Y = new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination SAVE = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN);
    private static final String INDENT = "  ";

    @FXML private Button save;
    @FXML private Button saveAs;
    @FXML private Button undo;
    @FXML private Button redo;
    @FXML private Button revert;
    @FXML private Label errorCount;
    @FXML private Label status;
    @FXML private HBox draftBar;
    @FXML private Label draftText;
    @FXML private Button restoreDraft;
    @FXML private Button discardDraft;
    @FXML private StackPane codeHost;
    @FXML private Label message;
    @FXML private ListView<PlanError> lint;

    private final Parent root;
    private final PlanEditorViewModel model;
    private final CodeArea area = new CodeArea();
    private List<Integer> styledLines = List.of();
    private Map<Integer, List<String>> markedLines = Map.of();
    private int gutterDigits;
    /** True while the view writes the model's text into the area, so the change is not sent back as an edit. */
    private boolean syncing;

    public PlanEditorView(PlanEditorViewModel model) {
        this.model = model;
        root = Fxml.load(this, "plan/PlanEditor.fxml");
        area.setId("plan-code");
        area.setUndoManager(UndoUtils.noOpUndoManager()); // undo and redo are the view model's
        area.setParagraphGraphicFactory(new LintGutter(area, Map.of()));
        area.editableProperty().bind(model.editable());
        codeHost.getChildren().add(new VirtualizedScrollPane<>(area));
        bindText();
        bindCommands();
        bindErrors();
        bindDraft();
    }

    public Parent root() {
        return root;
    }

    /** The code area, for the plan screen's keyboard focus and for tests. */
    public CodeArea area() {
        return area;
    }

    private void bindText() {
        area.replaceText(model.text());
        area.moveTo(0);
        area.requestFollowCaret();
        restyle();
        area.textProperty().addListener((o, was, now) -> {
            if (!syncing) {
                model.edit(now);
            }
        });
        model.textProperty().addListener((o, was, now) -> {
            if (!now.equals(area.getText())) {
                showModelText(now);
            }
            restyle();
        });
        area.addEventFilter(KeyEvent.KEY_PRESSED, this::keyPressed);
        model.loadsProperty().addListener((o, was, now) -> {
            area.moveTo(0); // a plan opened: its first line, not wherever the last text's caret was
            area.requestFollowCaret();
        });
    }

    /** Puts the model's text into the area by replacing only what differs, so the caret and scroll stay near it. */
    private void showModelText(String text) {
        EditHistory.Change change = EditHistory.diff(area.getText(), text, 0);
        syncing = true;
        try {
            area.replaceText(change.at(), change.at() + change.removed().length(), change.inserted());
            area.moveTo(change.endAfter());
            area.requestFollowCaret();
        } finally {
            syncing = false;
        }
    }

    private void keyPressed(KeyEvent e) {
        if (UNDO.match(e)) {
            model.undo();
        } else if (REDO.match(e) || REDO_Y.match(e)) {
            model.redo();
        } else if (SAVE.match(e)) {
            saveOrAsk();
        } else if (e.getCode() == KeyCode.TAB && !e.isShiftDown() && !e.isShortcutDown() && area.isEditable()) {
            area.replaceSelection(INDENT); // YAML indents with spaces only
        } else if (e.getCode() == KeyCode.ENTER && !e.isShortcutDown() && area.isEditable()) {
            area.replaceSelection("\n" + indentAfter(area.getParagraph(area.getCurrentParagraph()).getText(),
                    area.getCaretColumn()));
        } else {
            return;
        }
        e.consume();
    }

    /** A new line keeps the indentation of the one it breaks, one step deeper after "key:". */
    static String indentAfter(String line, int caretColumn) {
        String before = line.substring(0, Math.min(caretColumn, line.length()));
        int spaces = 0;
        while (spaces < before.length() && before.charAt(spaces) == ' ') {
            spaces++;
        }
        String indent = before.substring(0, spaces);
        return before.stripTrailing().endsWith(":") ? indent + INDENT : indent;
    }

    private void bindCommands() {
        save.setOnAction(e -> saveOrAsk());
        saveAs.setOnAction(e -> chooseAndSave());
        undo.setGraphic(new FontIcon(Material2MZ.UNDO));
        redo.setGraphic(new FontIcon(Material2MZ.REDO));
        undo.setTooltip(new Tooltip("Undo (Ctrl+Z)"));
        redo.setTooltip(new Tooltip("Redo (Ctrl+Shift+Z)"));
        save.setTooltip(new Tooltip("Save the text as it is, comments and all (Ctrl+S)"));
        revert.setTooltip(new Tooltip("Back to the text as saved (undoable)"));
        undo.setOnAction(e -> model.undo());
        redo.setOnAction(e -> model.redo());
        revert.setOnAction(e -> model.revert());
        undo.disableProperty().bind(model.canUndoProperty().not());
        redo.disableProperty().bind(model.canRedoProperty().not());
        save.disableProperty().bind(model.dirtyProperty().not());
        revert.disableProperty().bind(model.dirtyProperty().not());
        saveAs.disableProperty().bind(model.documentProperty().isNull());
        status.textProperty().bind(model.status());
        message.textProperty().bind(model.messageProperty());
        message.managedProperty().bind(model.messageProperty().isNotEmpty());
        message.visibleProperty().bind(message.managedProperty());
    }

    private void saveOrAsk() {
        if (model.hasFile()) {
            model.save();
        } else {
            chooseAndSave();
        }
    }

    private void chooseAndSave() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the plan as");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Plans (YAML, JSON)", "*.yaml", "*.yml",
                "*.json"));
        var doc = model.documentProperty().get();
        if (doc != null && doc.file() != null) {
            chooser.setInitialFileName(String.valueOf(doc.file().getFileName()));
            File dir = doc.file().toAbsolutePath().getParent().toFile();
            if (dir.isDirectory()) {
                chooser.setInitialDirectory(dir);
            }
        } else if (doc != null) {
            chooser.setInitialFileName(doc.location().toString());
        }
        File file = chooser.showSaveDialog(root.getScene().getWindow());
        if (file != null) {
            model.saveAs(file.toPath());
        }
    }

    private void bindErrors() {
        lint.setItems(model.errors());
        lint.setCellFactory(list -> new ErrorCell(list));
        lint.visibleProperty().bind(Bindings.isNotEmpty(model.errors()));
        lint.managedProperty().bind(lint.visibleProperty());
        lint.getSelectionModel().selectedItemProperty().addListener((o, was, error) -> {
            if (error != null && error.line() > 0 && error.line() <= area.getParagraphs().size()) {
                int line = error.line() - 1;
                area.moveTo(line, Math.min(Math.max(0, error.column() - 1), area.getParagraphLength(line)));
                area.requestFollowCaret();
                area.requestFocus();
            }
        });
        Runnable count = () -> {
            int n = model.errors().size();
            errorCount.setText(n == 0 ? "✓ no errors" : "✗ " + n + (n == 1 ? " error" : " errors"));
            errorCount.getStyleClass().setAll("label", n == 0 ? "ok-text" : "error-text");
        };
        model.errors().addListener((ListChangeListener<PlanError>) c -> {
            count.run();
            restyle();
        });
        count.run();
    }

    private void bindDraft() {
        draftBar.visibleProperty().bind(model.draftProperty().isNotNull());
        draftBar.managedProperty().bind(draftBar.visibleProperty());
        draftText.textProperty().bind(model.status());
        restoreDraft.setOnAction(e -> model.restoreDraft());
        discardDraft.setOnAction(e -> model.discardDraft());
    }

    /** One error a line, wrapped: where (line:column), the plan element, what is wrong and what to do. */
    private static final class ErrorCell extends ListCell<PlanError> {

        ErrorCell(ListView<PlanError> list) {
            prefWidthProperty().bind(list.widthProperty().subtract(24));
            setWrapText(true);
            getStyleClass().add("lint-error-cell");
        }

        @Override
        protected void updateItem(PlanError error, boolean empty) {
            super.updateItem(error, empty);
            setText(empty || error == null ? null : (error.line() > 0 ? "✗ line " + error.line() + ":"
                    + error.column() + "  " : "✗ ") + (error.path().isEmpty() ? "" : error.path() + ": ")
                    + error.message());
        }
    }

    /** Colours the text and marks the lines and places of errors (positions as of the text last read). */
    private void restyle() {
        String text = area.getText();
        StyleSpans<Collection<String>> spans = spans(text, YamlHighlighter.spans(text));
        Map<Integer, List<String>> byLine = new TreeMap<>();
        List<YamlHighlighter.Span> marks = new ArrayList<>();
        for (PlanError error : model.errors()) {
            if (error.line() < 1 || error.line() > area.getParagraphs().size()) {
                continue;
            }
            int line = error.line() - 1;
            byLine.computeIfAbsent(line, l -> new ArrayList<>()).add(error.message());
            String paragraph = area.getParagraph(line).getText();
            int from = Math.min(Math.max(0, error.column() - 1), paragraph.length());
            int to = from;
            while (to < paragraph.length() && !Character.isWhitespace(paragraph.charAt(to))) {
                to++;
            }
            int start = area.getAbsolutePosition(line, 0);
            marks.add(to > from ? new YamlHighlighter.Span(start + from, start + to, "lint-error")
                    : new YamlHighlighter.Span(start, start + paragraph.length(), "lint-error"));
        }
        if (!text.isEmpty()) {
            area.setStyleSpans(0, marks.isEmpty() ? spans : spans.overlay(spans(text, marks), (a, b) -> {
                List<String> both = new ArrayList<>(a);
                both.addAll(b);
                return both;
            }));
        }
        for (int line : styledLines) {
            if (line < area.getParagraphs().size()) {
                area.setParagraphStyle(line, List.of());
            }
        }
        byLine.keySet().forEach(line -> area.setParagraphStyle(line, List.of("lint-error-line")));
        styledLines = List.copyOf(byLine.keySet());
        int digits = LintGutter.digits(area.getParagraphs().size());
        if (!byLine.equals(markedLines) || digits != gutterDigits) { // new gutter nodes only when they change
            markedLines = byLine;
            gutterDigits = digits;
            area.setParagraphGraphicFactory(new LintGutter(area, byLine));
        }
    }

    private static StyleSpans<Collection<String>> spans(String text, List<YamlHighlighter.Span> spans) {
        StyleSpansBuilder<Collection<String>> builder = new StyleSpansBuilder<>();
        int at = 0;
        for (YamlHighlighter.Span span : spans.stream().sorted((a, b) -> Integer.compare(a.start(), b.start()))
                .toList()) {
            if (span.start() < at) {
                continue; // two errors on one word: the first marks it
            }
            builder.add(List.of(), span.start() - at);
            builder.add(List.of(span.style()), span.end() - span.start());
            at = span.end();
        }
        builder.add(List.of(), text.length() - at);
        return builder.create();
    }
}
