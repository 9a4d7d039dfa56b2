package dev.ferry.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The source fields a plan reads, with each's filter, its element rule and value (the element itself). */
class SourcePathsTest {

    @Test
    void eachOverScalarsReadsTheArrayAndFiltersReadTheElementsFields() {
        Plan plan = PlanLoader.parse("""
                name: t
                source: { collection: listings }
                targets:
                  - collection: out
                    id: { from: _id }
                    fields:
                      codes: { each: amenities, element: { expr: "upper(value)" } }
                      labels: { each: tags, fields: { name: { from: value }, n: { index: 1 } } }
                      good: { each: reviews, filter: "rating >= 4", fields: { who: { from: reviewer_name } } }
                      scraped: { expr: "parse_date(last_scraped, 'yyyy-MM-dd')" }
                """, "t.yaml");
        assertThat(SourcePaths.paths(SourcePaths.of(plan))).containsExactly("_id", "amenities", "amenities[]", "tags",
                "tags[]", "reviews", "reviews[].rating", "reviews[].reviewer_name", "last_scraped");
    }
}
