package dev.ferry.ui.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EditHistoryTest {

    /** Replays a person's keystrokes: each a text, each {@code gap} ms after the last. */
    private static String type(EditHistory history, String text, long start, long gap, String... steps) {
        long at = start;
        for (String step : steps) {
            history.record(text, step, at);
            text = step;
            at += gap;
        }
        return text;
    }

    private static String undoAll(EditHistory history, String text) {
        return history.undo().revert(text);
    }

    @Test
    void typingAWordIsOneStepAndANewLineOrAPauseStartsTheNext() {
        EditHistory history = new EditHistory();
        String text = type(history, "a: 1\n", 0, 100, "a: 1\nb", "a: 1\nb:", "a: 1\nb: ", "a: 1\nb: 2");
        assertThat(undoAll(history, text)).isEqualTo("a: 1\n");
        assertThat(history.canUndo()).isFalse();

        history = new EditHistory();
        text = type(history, "x", 0, 100, "xy", "xy\n", "xy\nz");
        assertThat(text = history.undo().revert(text)).isEqualTo("xy\n");
        assertThat(text = history.undo().revert(text)).as("the new line is a step of its own").isEqualTo("xy");
        assertThat(history.undo().revert(text)).isEqualTo("x");

        history = new EditHistory();
        text = type(history, "", 0, 5_000, "a", "ab");
        assertThat(history.undo().revert(text)).isEqualTo("a");
    }

    @Test
    void backspacesAndDeletesInARowAreOneStep() {
        EditHistory history = new EditHistory();
        String text = type(history, "key: abcd", 0, 100, "key: abc", "key: ab", "key: a"); // backspace, backspace, …
        assertThat(history.undo().revert(text)).isEqualTo("key: abcd");
        assertThat(history.canUndo()).isFalse();

        history = new EditHistory();
        text = type(history, "key: abcd", 0, 100, "key: acd", "key: ad"); // delete, delete after the caret
        assertThat(history.undo().revert(text)).isEqualTo("key: abcd");
        assertThat(history.canUndo()).isFalse();
    }

    @Test
    void redoAfterUndoGivesTheSameTextAndAnyNewChangeDropsTheRedo() {
        EditHistory history = new EditHistory();
        String text = type(history, "a", 0, 5_000, "ab", "abc");
        text = history.undo().revert(text);
        assertThat(history.canRedo()).isTrue();
        assertThat(history.redo().apply(text)).isEqualTo("abc");
        text = history.undo().revert("abc");
        history.record(text, text + "Z", 99_999);
        assertThat(history.canRedo()).isFalse();
    }
}
