package dev.ferry.engine.set;

/**
 * Which versions a set run takes. Up: {@code all} pending versions, those {@code to} and including V, or {@code only}
 * V. Down: {@code all} applied versions newest first, those {@code to} V (newer than V: the database ends at V), or
 * {@code only} V.
 */
public record Selection(Mode mode, long version) {

    public enum Mode { ALL, TO, ONLY }

    public static Selection all() {
        return new Selection(Mode.ALL, -1);
    }

    public static Selection to(long version) {
        return new Selection(Mode.TO, version);
    }

    public static Selection only(long version) {
        return new Selection(Mode.ONLY, version);
    }
}
