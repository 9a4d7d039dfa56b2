package dev.ferry.store.postgres;

/** A sequence owned by a column: a {@code serial}'s, or an identity column's ({@code identity} true). */
public record OwnedSequence(String schema, String name, String column, boolean identity) {

    public String qualified() {
        return SqlNames.qualified(schema, name);
    }
}
