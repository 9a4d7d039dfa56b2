package dev.ferry.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.plan.PlanLoader;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** A fan-out target: one record per element (or map entry), keyed by the parent's key and the element's position. */
class FanOutTargetTest {

    private static final String PLAN = """
            name: reviews
            source: { collection: listings }
            targets:
              - collection: listings_flat
                id: { from: _id, convert: string }
                fields: { name: { from: name } }
              - %s: reviews
                each: reviews
                parent: listings_flat
                key: [listing_id, position]
                fields:
                  reviewer: { from: reviewer_name, required: true }
                  stars: { from: rating }
                  day: { from: date }
            """;

    private static RecordMapper mapper(String store) {
        return PlanMapper.compile(PlanLoader.parse(PLAN.formatted(store), "reviews.yaml"));
    }

    private static Document listing(Object... reviews) {
        return new Document("_id", 10000037).append("name", "Loft").append("reviews", List.of(reviews));
    }

    private static Document review(String who, int rating) {
        return new Document("reviewer_name", who).append("rating", rating).append("date", new Date(86_400_000L));
    }

    @Test
    void oneRecordPerElementCarryingTheParentsIdAndThePosition() {
        MappedRecord r = mapper("collection").map(listing(review("Ana", 5), review("Ben", 3)));
        assertThat(r.errors()).isEmpty();
        assertThat(r.targets().get("listings_flat").get("_id")).isEqualTo("10000037");
        assertThat(r.fanned().get("reviews")).containsExactly(
                new Document("_id", new Document("listing_id", "10000037").append("position", 0))
                        .append("listing_id", "10000037").append("position", 0)
                        .append("reviewer", "Ana").append("stars", 5).append("day", new Date(86_400_000L)),
                new Document("_id", new Document("listing_id", "10000037").append("position", 1))
                        .append("listing_id", "10000037").append("position", 1)
                        .append("reviewer", "Ben").append("stars", 3).append("day", new Date(86_400_000L)));
        assertThat(r.documents().keySet()).containsExactly("listings_flat", "reviews");
    }

    @Test
    void aTablesKeyColumnsTakeThemFromTheIdOnly() {
        MappedRecord r = mapper("table").map(listing(review("Ana", 5)));
        assertThat(r.fanned().get("reviews")).containsExactly(
                new Document("_id", new Document("listing_id", "10000037").append("position", 0))
                        .append("reviewer", "Ana").append("stars", 5).append("day", new Date(86_400_000L)));
    }

    @Test
    void noArrayOrAnEmptyOneGivesNoRecords() {
        assertThat(mapper("collection").map(listing()).fanned().get("reviews")).isEmpty();
        MappedRecord missing = mapper("collection").map(new Document("_id", 1).append("name", "x"));
        assertThat(missing.errors()).isEmpty();
        assertThat(missing.fanned().get("reviews")).isEmpty();
    }

    @Test
    void anElementThatFailsFailsTheWholeSourceRecord() {
        MappedRecord r = mapper("collection").map(listing(review("Ana", 5), new Document("rating", 2), "junk"));
        assertThat(r.ok()).isFalse();
        assertThat(r.errors()).extracting(Object::toString).containsExactly(
                "reviews[1].reviewer: required, but source field 'reviews[1].reviewer_name' is missing",
                "reviews[2]: source element 'reviews[2]' should be an object, got \"junk\" (a string) (rules that"
                        + " read an element as a whole use value)");
    }

    @Test
    void aMapFansOutPerEntryAsKeyAndValue() {
        RecordMapper photos = PlanMapper.compile(PlanLoader.parse("""
                name: photos
                source: { collection: listings }
                targets:
                  - collection: photos
                    each: photos
                    fields:
                      photo_id: { from: key }
                      url: { from: value.url }
                      tag_count: { expr: "size(value.tags)" }
                """, "photos.yaml"));
        MappedRecord r = photos.map(new Document("_id", "L1").append("photos", new Document("p1",
                new Document("url", "a.jpg").append("tags", List.of("x"))).append("p2", new Document("url", "b.jpg"))));
        assertThat(r.errors()).isEmpty();
        assertThat(r.fanned().get("photos")).extracting(d -> d.get("_id")).containsExactly(
                new Document("parent_id", "L1").append("position", 0),
                new Document("parent_id", "L1").append("position", 1));
        assertThat(r.fanned().get("photos")).extracting(d -> d.get("photo_id"), d -> d.get("url"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("p1", "a.jpg"),
                        org.assertj.core.groups.Tuple.tuple("p2", "b.jpg"));
        assertThat(r.fanned().get("photos").get(1).get("tag_count")).isEqualTo(0);
    }

    @Test
    void anArrayOfScalarsIsReadAsValue() {
        RecordMapper tags = PlanMapper.compile(PlanLoader.parse("""
                name: tags
                source: { collection: listings }
                targets:
                  - collection: amenities
                    each: amenities
                    key: [listing, n]
                    fields: { label: { expr: "upper(value)" }, order: { index: 1 } }
                """, "tags.yaml"));
        MappedRecord r = tags.map(new Document("_id", 7).append("amenities", List.of("wifi", "tv")));
        assertThat(r.fanned().get("amenities")).containsExactly(
                new Document("_id", new Document("listing", 7).append("n", 0)).append("listing", 7).append("n", 0)
                        .append("label", "WIFI").append("order", 1),
                new Document("_id", new Document("listing", 7).append("n", 1)).append("listing", 7).append("n", 1)
                        .append("label", "TV").append("order", 2));
    }
}
