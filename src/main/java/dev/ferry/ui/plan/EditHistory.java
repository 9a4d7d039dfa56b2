package dev.ferry.ui.plan;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The plan editor's undo and redo, as the changes made to the text (each the span it replaced and what it put there),
 * with typing merged into one step per run of characters, as editors do, so one undo takes back a word, not a letter.
 */
final class EditHistory {

    /** Changes closer together than this, in one run of typing or deleting, are undone together. */
    static final long MERGE_MILLIS = 1_000;
    private static final int LIMIT = 2_000;

    /** At {@code at}, {@code removed} became {@code inserted}. */
    record Change(int at, String removed, String inserted, long millis) {

        String apply(String text) {
            return text.substring(0, at) + inserted + text.substring(at + removed.length());
        }

        String revert(String text) {
            return text.substring(0, at) + removed + text.substring(at + inserted.length());
        }

        /** Where the caret goes after the change is applied. */
        int endAfter() {
            return at + inserted.length();
        }

        /** Where the caret goes after the change is reverted. */
        int endBefore() {
            return at + removed.length();
        }

        private boolean typing() {
            return removed.isEmpty() && inserted.length() == 1 && inserted.charAt(0) != '\n';
        }

        private boolean deleting() {
            return inserted.isEmpty() && removed.length() == 1 && removed.charAt(0) != '\n';
        }
    }

    private final Deque<Change> undo = new ArrayDeque<>();
    private final Deque<Change> redo = new ArrayDeque<>();

    /** Records the change from {@code before} to {@code after} (the smallest span that differs). */
    void record(String before, String after, long millis) {
        if (before.equals(after)) {
            return;
        }
        Change change = diff(before, after, millis);
        redo.clear();
        Change last = undo.peek();
        if (last != null && millis - last.millis() < MERGE_MILLIS) {
            if (change.typing() && last.removed().isEmpty() && !last.inserted().endsWith("\n")
                    && change.at() == last.endAfter()) {
                undo.pop();
                change = new Change(last.at(), "", last.inserted() + change.inserted(), millis);
            } else if (change.deleting() && last.inserted().isEmpty() && change.at() + 1 == last.at()) {
                undo.pop(); // backspace after backspace
                change = new Change(change.at(), change.removed() + last.removed(), "", millis);
            } else if (change.deleting() && last.inserted().isEmpty() && change.at() == last.at()) {
                undo.pop(); // delete after delete
                change = new Change(last.at(), last.removed() + change.removed(), "", millis);
            }
        }
        undo.push(change);
        while (undo.size() > LIMIT) {
            undo.removeLast();
        }
    }

    boolean canUndo() {
        return !undo.isEmpty();
    }

    boolean canRedo() {
        return !redo.isEmpty();
    }

    /** The change to take back (its {@link Change#revert} gives the text before it), now redoable. */
    Change undo() {
        Change change = undo.pop();
        redo.push(change);
        return change;
    }

    /** The change to make again (its {@link Change#apply} gives the text after it), undoable again. */
    Change redo() {
        Change change = redo.pop();
        undo.push(new Change(change.at(), change.removed(), change.inserted(), Long.MIN_VALUE / 2)); // never merged
        return change;
    }

    void clear() {
        undo.clear();
        redo.clear();
    }

    /** Seals the latest step, so the next change starts a new one (after an undo, an insertion from the tree, …). */
    void seal() {
        Change last = undo.poll();
        if (last != null) {
            undo.push(new Change(last.at(), last.removed(), last.inserted(), Long.MIN_VALUE / 2));
        }
    }

    static Change diff(String before, String after, long millis) {
        int prefix = 0;
        int max = Math.min(before.length(), after.length());
        while (prefix < max && before.charAt(prefix) == after.charAt(prefix)) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < max - prefix
                && before.charAt(before.length() - 1 - suffix) == after.charAt(after.length() - 1 - suffix)) {
            suffix++;
        }
        return new Change(prefix, before.substring(prefix, before.length() - suffix),
                after.substring(prefix, after.length() - suffix), millis);
    }
}
