package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.engine.ValidationReport;

/**
 * full_migration: validate_schema, backup_data, convert, validate_migration in order, stopping at the first that
 * fails ({@code stoppedAt} names it; null when all passed). Reports of steps not reached are null.
 */
public record FullMigrationReport(String plan, boolean ok, String stoppedAt, SchemaReport schema,
                                  UuidConversionReport backup, UuidConversionReport conversion,
                                  ValidationReport validation) { }
