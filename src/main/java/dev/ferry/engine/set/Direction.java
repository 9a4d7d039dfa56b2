package dev.ferry.engine.set;

/** Which way a set run goes: applying versions or rolling them back. */
public enum Direction {
    UP("up"), DOWN("down");

    private final String word;

    Direction(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
