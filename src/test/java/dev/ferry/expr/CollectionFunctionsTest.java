package dev.ferry.expr;

import static dev.ferry.expr.Expressions.eval;
import static dev.ferry.expr.Expressions.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** join, filter, keys, values, to_entries and from_entries on a listing with reviews and a map keyed by ids. */
class CollectionFunctionsTest {
    private static final List<Document> REVIEWS = List.of(
            new Document("_id", "r1").append("rating", 5).append("comments", "Great"),
            new Document("_id", "r2").append("rating", 3).append("comments", null),
            new Document("_id", "r3").append("rating", 4).append("comments", "Good"));
    private static final Document LISTING = new Document("reviews", REVIEWS)
            .append("amenities", List.of("TV", "Wifi", "Kitchen"))
            .append("scores", new Document("r1", 5).append("r2", 3))
            .append("tags", java.util.Arrays.asList("a", null, "b")).append("none", null).append("name", "Loft");

    @Test
    void join() {
        assertThat(eval("join(amenities, ', ')", LISTING)).isEqualTo("TV, Wifi, Kitchen");
        assertThat(eval("join(tags, '|')", LISTING)).isEqualTo("a|b");
        assertThat(eval("join([1, 2.5, true], '-')")).isEqualTo("1-2.5-true");
        assertThat(eval("join(none, ',')", LISTING)).isNull();
        assertThat(failure("join(reviews, ',')", LISTING)).contains("element 0 is a document");
        assertThat(failure("join(name, ',')", LISTING)).isEqualTo("join(name, ','): name = \"Loft\" (a string) should be"
                + " an array");
    }

    @Test
    void filterByAConditionOnEachElement() {
        assertThat(eval("filter(reviews, 'rating >= 4')", LISTING)).isEqualTo(List.of(REVIEWS.get(0), REVIEWS.get(2)));
        assertThat(eval("size(filter(reviews, 'comments != null'))", LISTING)).isEqualTo(2);
        assertThat(eval("filter(amenities, \"value != 'TV'\")", LISTING)).isEqualTo(List.of("Wifi", "Kitchen"));
        assertThat(eval("filter(amenities, 'index > 0 && regex_match(value, \"i\")')", LISTING))
                .isEqualTo(List.of("Wifi", "Kitchen"));
        assertThat(eval("filter(none, 'true')", LISTING)).isNull();
        assertThat(failure("filter(reviews, 'rating')", LISTING)).contains("should give true or false, gave 5");
        assertThat(failure("filter(reviews, 'upper(rating) == \"5\"')", LISTING))
                .isEqualTo("filter: the condition 'upper(rating) == \"5\"' failed on element 0: upper(rating): rating = 5"
                        + " (a number) should be text (make it text first: concat(x))");
    }

    @Test
    void keysValuesAndEntriesBothWays() {
        assertThat(eval("keys(scores)", LISTING)).isEqualTo(List.of("r1", "r2"));
        assertThat(eval("values(scores)", LISTING)).isEqualTo(List.of(5, 3));
        List<Document> entries = List.of(new Document("key", "r1").append("value", 5),
                new Document("key", "r2").append("value", 3));
        assertThat(eval("to_entries(scores)", LISTING)).isEqualTo(entries);
        assertThat(eval("from_entries(to_entries(scores))", LISTING)).isEqualTo(LISTING.get("scores"));
        assertThat(eval("from_entries([['a', 1], ['b', 2]])")).isEqualTo(new Document("a", 1).append("b", 2));
        assertThat(eval("from_entries(x)", new Document("x", List.of(new Document("key", 7).append("value", "seven")))))
                .isEqualTo(new Document("7", "seven"));
        assertThat(eval("to_entries(none)", LISTING)).isNull();
        assertThat(failure("from_entries([['a', 1], ['a', 2]])", LISTING)).contains("repeats the key \"a\"");
        assertThat(failure("from_entries([['a.b', 1]])", LISTING)).contains("cannot be a field name");
        assertThat(failure("from_entries(amenities)", LISTING)).contains("element 0 is \"TV\" (a string)");
        assertThat(failure("keys(amenities)", LISTING)).isEqualTo("keys(amenities): amenities = [TV, Wifi, Kitchen]"
                + " (an array) should be a document");
    }
}
