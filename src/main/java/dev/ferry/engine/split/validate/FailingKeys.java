package dev.ferry.engine.split.validate;

import dev.ferry.store.SourceKeys;
import java.util.ArrayList;
import java.util.List;

/** The keys a check found at fault: all counted, the first {@value #LISTED} kept for the report. */
final class FailingKeys {

    static final int LISTED = 1000;

    private final List<String> listed = new ArrayList<>();
    private long count;

    void add(Object key) {
        count++;
        if (listed.size() < LISTED) {
            listed.add(SourceKeys.render(key));
        }
    }

    long count() {
        return count;
    }

    List<String> listed() {
        return listed;
    }

    /** An evidence line when the list was cut short. */
    boolean truncated() {
        return count > listed.size();
    }
}
