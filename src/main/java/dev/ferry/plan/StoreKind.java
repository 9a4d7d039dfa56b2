package dev.ferry.plan;

/**
 * Which kind of store a plan's source or target lives in: a MongoDB collection ({@code collection:}) or a
 * PostgreSQL table ({@code table:}). A plan may mix them; its journal stays in the MongoDB database.
 */
public enum StoreKind {
    MONGO,
    POSTGRES
}
