package dev.ferry.ui.run;

import dev.ferry.service.Tone;

/**
 * One row of the dashboard's per-target grid, in the manner of DMS table statistics.
 *
 * @param expected    documents the latest dry run said would be written (insert + update), or -1 when unknown
 * @param quarantined source records written to no target (a quarantined record is missing from every target)
 */
public record TargetRow(String target, Tone tone, String state, long written, long expected, long wouldInsert,
                        long wouldUpdate, long quarantined, String lastUpdated) {
}
