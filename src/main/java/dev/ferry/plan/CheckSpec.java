package dev.ferry.plan;

import org.bson.Document;

/** One validation check named in the plan. */
public sealed interface CheckSpec {

    String name();

    /** Source count (less quarantined records) equals each target's count. */
    record Count(String name) implements CheckSpec { }

    /** Re-apply the mapping to {@code size} random source records and compare field by field with what is stored. */
    record Sample(String name, int size) implements CheckSpec { }

    /** The number of source records matching {@code sourceFilter} equals the target records matching {@code targetFilter}. */
    record Predicate(String name, Document sourceFilter, String target, Document targetFilter) implements CheckSpec { }

    /** Every target document equals, by checksum, the one the mapping produces from its source; streams the whole source. */
    record Checksum(String name) implements CheckSpec { }
}
