package dev.ferry.engine.split;

import dev.ferry.plan.Plan;
import dev.ferry.plan.TargetSpec;
import dev.ferry.store.journal.UndoEntry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The order undo entries are applied in: newest batch first, and within a batch the targets in reverse plan order, so
 * that a fan-out child's rows go before the parent rows its foreign key references (the journal orders by batch only).
 */
final class UndoOrder {
    private UndoOrder() {
    }

    static Iterable<UndoEntry> childrenFirst(Iterable<UndoEntry> newestBatchFirst, Plan plan) {
        List<String> targets = plan.targets().stream().map(TargetSpec::collection).toList();
        Comparator<UndoEntry> laterTargetFirst = Comparator.comparingInt((UndoEntry e) -> targets.indexOf(e.target()))
                .reversed();
        return () -> new Iterator<>() {
            private final Iterator<UndoEntry> source = newestBatchFirst.iterator();
            private final Deque<UndoEntry> ready = new ArrayDeque<>();
            private UndoEntry next;

            @Override
            public boolean hasNext() {
                if (ready.isEmpty() && (next != null || source.hasNext())) {
                    List<UndoEntry> batch = new ArrayList<>();
                    UndoEntry first = next != null ? next : source.next();
                    next = null;
                    batch.add(first);
                    while (source.hasNext()) {
                        UndoEntry e = source.next();
                        if (e.batch() != first.batch()) {
                            next = e;
                            break;
                        }
                        batch.add(e);
                    }
                    batch.sort(laterTargetFirst);
                    ready.addAll(batch);
                }
                return !ready.isEmpty();
            }

            @Override
            public UndoEntry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.poll();
            }
        };
    }
}
