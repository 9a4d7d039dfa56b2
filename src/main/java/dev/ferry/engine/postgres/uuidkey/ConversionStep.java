package dev.ferry.engine.postgres.uuidkey;

/** How far a conversion run has come, as kept in the journal; each step is resumable from the one before. */
enum ConversionStep {
    /** Run recorded, row counts taken (backup_data); shadows not made yet. */
    PLANNED,
    /** Shadows exist and the write guards are armed; batches are being copied. */
    SHADOWS_CREATED,
    /** Every batch copied. */
    FILLED,
    /** Indexes, keys and foreign keys built and validated on the shadows. */
    INDEXED,
    /** Shadows renamed into place; the originals are in the backup schema. */
    SWAPPED,
    ROLLED_BACK,
    /** cleanup_backup dropped the backup tables: no rollback possible any more. */
    CLEANED
}
