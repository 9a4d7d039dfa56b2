package dev.ferry.plan;

/**
 * Where a position inside a string value stands in the file. Plain and quoted scalars on one line shift by the value's
 * column (and the quote); a block scalar's text starts on the next line at its indentation. Escapes in quoted
 * strings and folded lines are not counted: the column is then near, the line right.
 */
final class ScalarPosition {

    private ScalarPosition() {
    }

    /** {line, column} in the file for {@code line:column} of the value that starts at {@code nodeLine:nodeColumn}. */
    static int[] of(String[] lines, int nodeLine, int nodeColumn, int line, int column) {
        if (nodeLine < 1 || nodeLine > lines.length || nodeColumn < 1) {
            return new int[] {nodeLine, nodeColumn};
        }
        String first = lines[nodeLine - 1];
        char opening = nodeColumn <= first.length() ? first.charAt(nodeColumn - 1) : ' ';
        if (opening == '|' || opening == '>') {
            int fileLine = nodeLine + line;
            if (fileLine > lines.length) {
                return new int[] {nodeLine, nodeColumn};
            }
            // the block's indentation is its first line's; later lines keep what they add to it
            String text = lines[nodeLine];
            int indent = 0;
            while (indent < text.length() && text.charAt(indent) == ' ') {
                indent++;
            }
            return new int[] {fileLine, indent + column};
        }
        int quote = opening == '"' || opening == '\'' ? 1 : 0;
        if (line == 1) {
            return new int[] {nodeLine, nodeColumn + quote + column - 1};
        }
        return new int[] {nodeLine + line - 1, column};
    }
}
