package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferry plan lint} on expressions: every bad call at file:line:column, exit 2; good ones OK. */
class PlanLintFunctionsCliTest {

    @Test
    void reportsEveryBadCallAtItsPlace(@TempDir Path dir) throws Exception {
        Path plan = Files.writeString(dir.resolve("listings.yaml"), """
                name: listings
                source: { collection: listings }
                targets:
                  - collection: out
                    id: { from: _id }
                    fields:
                      scraped: { expr: "last_scraped.replace(' ', 'T')", convert: date }
                      year: { expr: "substr(last_scraped, 0, 4)" }
                      price: { expr: "round(price, 2, 'bankers')" }
                """);
        CliHarness.Result r = CliHarness.run("plan", "lint", "--plan", plan.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("listings.yaml:7:37: targets[0].fields.scraped: bad expression"
                        + " 'last_scraped.replace(' ', 'T')': method calls are not allowed in plan expressions"
                        + " ('last_scraped.replace(…)'): write replace(last_scraped, ' ', 'T')")
                .contains("listings.yaml:8:22: targets[0].fields.year: bad expression 'substr(last_scraped, 0, 4)':"
                        + " unknown function 'substr' (did you mean 'substring'?)")
                .contains("listings.yaml:9:39: targets[0].fields.price: bad expression 'round(price, 2, 'bankers')':"
                        + " round: mode (argument 3) 'bankers' is not a rounding mode");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void acceptsTheFunctions(@TempDir Path dir) throws Exception {
        Path plan = Files.writeString(dir.resolve("ok.yaml"), """
                name: listings
                source: { collection: listings }
                targets:
                  - collection: out
                    id: { from: _id }
                    fields:
                      scraped: { expr: "replace(last_scraped, ' ', 'T')", convert: date }
                      year: { expr: "substring(last_scraped, 0, 4)" }
                      price: { expr: "round(price, 2, 'half_even')" }
                      reviews: { expr: "to_entries(review_scores)" }
                """);
        CliHarness.Result r = CliHarness.run("plan", "lint", "--plan", plan.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("OK: listings, 1 target, 5 rules");
    }
}
