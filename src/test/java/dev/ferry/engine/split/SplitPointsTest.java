package dev.ferry.engine.split;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.store.mongo.KeyBrackets;
import java.util.ArrayList;
import java.util.List;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class SplitPointsTest {

    @Test
    void cutsOneTypeOfKeyAtItsQuantilesAndLeavesTheLastRangeOpen() {
        List<Object> keys = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            keys.add(i);
        }
        assertThat(SplitPoints.cut(keys, 4)).containsExactly(25, 50, 75);
        assertThat(SplitPoints.cut(keys, 1)).isEmpty();
    }

    @Test
    void sharesPartitionsAmongKeyTypesAndCutsAtTheLastKeyOfEach() {
        List<Object> keys = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            keys.add(i);               // numbers sort first
        }
        for (int i = 1; i <= 50; i++) {
            keys.add(String.format("k-%03d", i)); // then strings
        }
        ObjectId first = new ObjectId();
        keys.add(first);                // two ObjectIds: too few for a range of their own
        keys.add(new ObjectId());

        List<Object> bounds = SplitPoints.cut(keys, 4);

        assertThat(bounds).containsExactly(25, 50, "k-025");
        // the numbers' last key closes their ranges: no range holds numbers and strings both
        assertThat(bounds.stream().map(KeyBrackets::bracketOf).distinct()).hasSize(2);
    }

    @Test
    void givesFewerRangesThanAskedWhenTheSampleHasFewerKeys() {
        assertThat(SplitPoints.cut(List.of(1, 2), 8)).containsExactly(1);
        assertThat(SplitPoints.cut(List.of(7), 8)).isEmpty();
        assertThat(SplitPoints.cut(List.of(), 8)).isEmpty();
    }
}
