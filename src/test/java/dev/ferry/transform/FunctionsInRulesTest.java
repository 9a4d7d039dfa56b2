package dev.ferry.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

/**
 * Functions inside field rules as a run applies them: a failure is the field's error (the record is quarantined)
 * naming the target field, the call, the source field and its value; each over scalars; convert with a pattern.
 */
class FunctionsInRulesTest {

    private static Document listing() {
        return new Document("_id", "10006546").append("name", "Ribeira Charming Duplex")
                .append("last_scraped", "2019-02-16 05:00:00.000000000")
                .append("amenities", List.of("TV", "Cable TV", "Wifi"))
                .append("review_scores", new Document("r58663741", 10).append("r62413494", 9))
                .append("reviews", List.of(new Document("_id", "58663741").append("rating", 5).append("date", "2016-01-03"),
                        new Document("_id", "62413494").append("rating", 3).append("date", "2016-02-14")))
                .append("price", new Decimal128(new BigDecimal("80.00"))).append("cleaning_fee", new Decimal128(new BigDecimal("35.50")))
                .append("beds", 3);
    }

    @Test
    void aWrongTypeIsTheFieldsErrorNamingTheSourceFieldAndItsValue() {
        MappedRecord r = TestPlans.map(listing(), "code: { expr: \"upper(beds)\" }", "name: { from: name }");
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("code");
            assertThat(e.message()).isEqualTo("expression 'upper(beds)' failed: upper(beds): beds = 3 (a number) should"
                    + " be text (make it text first: concat(x))");
        });
        assertThat(r.targets().get("t")).containsEntry("name", "Ribeira Charming Duplex");
    }

    @Test
    void textDatesMoneyAndMapsInOnePlan() {
        Document out = TestPlans.target(listing(),
                "scraped: { expr: \"parse_date(last_scraped, 'yyyy-MM-dd HH:mm:ss.SSSSSSSSS')\" }",
                "scraped_iso: { expr: \"replace(last_scraped, ' ', 'T')\", convert: date }",
                "total: { expr: \"price + cleaning_fee * 2\" }",
                "rounded: { expr: \"round(price / 3, 2)\" }",
                "amenity_list: { expr: \"join(amenities, '; ')\" }",
                "scores: { expr: \"to_entries(review_scores)\" }",
                "good_reviews: { expr: \"size(filter(reviews, 'rating >= 4'))\" }");
        assertThat(out.get("scraped")).isEqualTo(Date.from(Instant.parse("2019-02-16T05:00:00Z")));
        assertThat(out.get("scraped_iso")).isEqualTo(Date.from(Instant.parse("2019-02-16T05:00:00Z")));
        assertThat(out.get("total")).isEqualTo(new Decimal128(new BigDecimal("151.00")));
        assertThat(out.get("rounded")).isEqualTo(new Decimal128(new BigDecimal("26.67")));
        assertThat(out.get("amenity_list")).isEqualTo("TV; Cable TV; Wifi");
        assertThat(out.getList("scores", Document.class)).extracting(d -> d.get("key")).containsExactly("r58663741", "r62413494");
        assertThat(out.get("good_reviews")).isEqualTo(1);
    }

    @Test
    void aFieldNamedLikeAFunctionDoesNotHideIt() {
        Document source = new Document("_id", 1).append("values", new Document("a", 1)).append("upper", "x")
                .append("join", List.of("p", "q"));
        Document out = TestPlans.target(source, "v: { expr: \"values(values)\" }", "u: { expr: \"upper(upper)\" }",
                "j: { expr: \"join(join, '+')\" }");
        assertThat(out).containsEntry("v", List.of(1)).containsEntry("u", "X").containsEntry("j", "p+q");
    }

    @Test
    void eachOverScalarsMakesObjectsWithValue() {
        Document out = TestPlans.target(listing(), "amenities: { each: amenities, fields: { name: { from: value },"
                + " code: { expr: \"lower(replace(value, ' ', '_'))\" }, position: { index: 1 } } }");
        assertThat(out.getList("amenities", Document.class)).containsExactly(
                new Document("name", "TV").append("code", "tv").append("position", 1),
                new Document("name", "Cable TV").append("code", "cable_tv").append("position", 2),
                new Document("name", "Wifi").append("code", "wifi").append("position", 3));
    }

    @Test
    void eachElementGivesOneValuePerElementAndFilterKeepsSome() {
        Document out = TestPlans.target(listing(),
                "codes: { each: amenities, element: { expr: \"upper(value)\" } }",
                "review_ids: { each: reviews, filter: \"rating >= 4\", element: { from: _id } }",
                "review_days: { each: reviews, element: { from: date, convert: { to: date, pattern: 'yyyy-MM-dd',"
                        + " zone: 'Europe/Lisbon' } } }");
        assertThat(out.getList("codes", String.class)).containsExactly("TV", "CABLE TV", "WIFI");
        assertThat(out.getList("review_ids", String.class)).containsExactly("58663741");
        assertThat(out.getList("review_days", Date.class)).containsExactly(
                Date.from(Instant.parse("2016-01-03T00:00:00Z")), Date.from(Instant.parse("2016-02-14T00:00:00Z")));
    }

    @Test
    void anElementThatFailsIsReportedAtItsPosition() {
        Document source = new Document("_id", 1).append("tags", Arrays.asList("a", 7, null));
        MappedRecord r = TestPlans.map(source, "tags: { each: tags, element: { expr: \"upper(value)\" } }");
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("tags[1]");
            assertThat(e.message()).contains("upper(value): value = 7 (a number) should be text");
        });
    }

    @Test
    void scalarsWhereDocumentsAreExpectedAreStillBadData() {
        Document source = new Document("_id", 1).append("items", List.of(new Document("sku", "A"), "B"));
        MappedRecord r = TestPlans.map(source, "items: { each: items, fields: { sku: { from: sku } } }");
        assertThat(r.errors()).singleElement().extracting(FieldError::message).asString()
                .startsWith("source element 'items[1]' should be an object, got \"B\" (a string)");
    }

    @Test
    void convertWithPatternZoneAndDecimal() {
        Document source = new Document("_id", 1).append("d", "16/02/2019 05:00").append("at", Date.from(Instant.parse(
                "2019-02-16T05:00:00Z"))).append("price", "80.10").append("bad", "2019-02-16");
        MappedRecord r = TestPlans.map(source,
                "d: { from: d, convert: { to: date, pattern: 'dd/MM/yyyy HH:mm', zone: 'America/New_York' } }",
                "at_text: { from: at, convert: { to: string, pattern: 'EEE dd MMM yyyy HH:mm', zone: 'Asia/Tokyo' } }",
                "local: { value: '2019-02-16T05:00', convert: { to: date, zone: 'Europe/Paris' } }",
                "price: { from: price, convert: decimal }",
                "bad: { from: bad, convert: { to: date, pattern: 'dd/MM/yyyy' } }");
        Document out = r.targets().get("t");
        assertThat(out.get("d")).isEqualTo(Date.from(Instant.parse("2019-02-16T10:00:00Z")));
        assertThat(out.get("at_text")).isEqualTo("Sat 16 Feb 2019 14:00");
        assertThat(out.get("local")).isEqualTo(Date.from(Instant.parse("2019-02-16T04:00:00Z")));
        assertThat(out.get("price")).isEqualTo(new Decimal128(new BigDecimal("80.10")));
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("bad");
            assertThat(e.message()).isEqualTo("cannot convert source field 'bad' = \"2019-02-16\" (a string) to date"
                    + " with pattern 'dd/MM/yyyy': does not match the pattern at position 2");
        });
    }
}
