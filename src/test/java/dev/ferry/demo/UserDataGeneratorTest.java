package dev.ferry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.store.DocumentChecksum;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class UserDataGeneratorTest {

    private static final int N = 2_000;
    private final List<Document> docs = new UserDataGenerator(7).documents(0, N);

    @Test
    void sameSeedGivesIdenticalDocumentsAndIds() {
        List<Document> again = new UserDataGenerator(7).documents(0, N);
        assertThat(again).isEqualTo(docs);
        assertThat(new UserDataGenerator(7).document(1_234)).isEqualTo(docs.get(1_234));
        assertThat(new UserDataGenerator(8).document(0)).isNotEqualTo(docs.get(0));
    }

    @Test
    void idsAreUniqueAndAscending() {
        for (int i = 1; i < N; i++) {
            assertThat(docs.get(i).getObjectId("_id")).isGreaterThan(docs.get(i - 1).getObjectId("_id"));
        }
    }

    @Test
    void alwaysPresentFieldsHaveTheirTypes() {
        for (Document d : docs) {
            assertThat(d.getString("user_id")).matches("user_\\d{4}");
            assertThat(d.getString("filename")).matches("[a-z_]+_\\d{4}_q[1-4]\\.(csv|xlsx|json|parquet)");
            assertThat(d.getString("s3_url")).startsWith("s3://nm-datasets/" + d.getString("user_id") + "/");
            assertThat(d.get("num_rows")).isInstanceOf(Integer.class);
            assertThat(d.getInteger("num_columns")).isBetween(1, 12);
            assertThat(d.getList("data_schema", Document.class)).hasSize(d.getInteger("num_columns"));
            assertThat(d.get("contains_pii")).isInstanceOf(Boolean.class);
            assertThat(d.get("is_processed")).isInstanceOf(Boolean.class);
            assertThat(d.get("transformation_history")).isInstanceOf(List.class);
            assertThat(d.getList("transformation_history", Document.class)).hasSizeLessThanOrEqualTo(6);
            assertThat(d.getDate("updated_at")).isAfterOrEqualTo(d.getDate("created_at"));
            assertThat(d.containsKey("pii_report")).isEqualTo(d.getBoolean("contains_pii"));
            assertThat(d.containsKey("pii_risk_level")).isEqualTo(d.getBoolean("contains_pii"));
            assertThat(d.containsKey("processed_at")).isEqualTo(d.getBoolean("is_processed"));
            if (d.containsKey("row_count")) {
                assertThat(d.getInteger("row_count")).isNotEqualTo(d.getInteger("num_rows"));
            }
        }
    }

    @Test
    void optionalFieldsAppearAboutAsOftenAsTheSpecSays() {
        assertThat(share(d -> d.containsKey("id"))).isBetween(0.65, 0.75);
        assertThat(share(d -> d.containsKey("row_count"))).isBetween(0.12, 0.18);
        assertThat(share(d -> d.containsKey("file_path"))).isBetween(0.87, 0.93);
        assertThat(share(d -> d.containsKey("file_type"))).isBetween(0.81, 0.89);
        assertThat(share(d -> d.containsKey("file_type") && d.get("file_type") == null)).isBetween(0.06, 0.12);
        assertThat(share(d -> d.getBoolean("contains_pii"))).isBetween(0.21, 0.29);
        assertThat(share(d -> d.containsKey("schema"))).isBetween(0.76, 0.84);
        assertThat(share(d -> d.containsKey("statistics"))).isBetween(0.66, 0.74);
        assertThat(share(d -> d.containsKey("quality_report"))).isBetween(0.56, 0.64);
        assertThat(share(d -> d.containsKey("aiSummary"))).isBetween(0.46, 0.54);
        assertThat(share(d -> d.containsKey("onboarding_progress"))).isBetween(0.71, 0.79);
        assertThat(share(d -> d.getList("transformation_history", Document.class).isEmpty())).isBetween(0.31, 0.39);
        Set<String> users = new HashSet<>();
        docs.forEach(d -> users.add(d.getString("user_id")));
        assertThat(users.size()).isBetween(450, 500);
    }

    @Test
    void invalidHistoryItemsArePresentAndMarked() {
        UserDataGenerator gen = new UserDataGenerator(7);
        long invalid = 0;
        for (int i = 0; i < N; i++) {
            boolean bad = docs.get(i).getList("transformation_history", Document.class).stream()
                    .anyMatch(h -> !h.containsKey("operation") || !(h.get("timestamp") instanceof Date));
            assertThat(bad).as("document %d", i).isEqualTo(gen.hasInvalidHistory(i));
            invalid += bad ? 1 : 0;
        }
        assertThat(invalid).isGreaterThanOrEqualTo(UserDataGenerator.MIN_INVALID);
        for (long seed = 0; seed < 20; seed++) {
            UserDataGenerator other = new UserDataGenerator(seed);
            long inFirstThousand = java.util.stream.IntStream.range(0, 1_000).filter(other::hasInvalidHistory).count();
            assertThat(inFirstThousand).as("seed %d", seed).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void documentsWeighAboutOneToThreeKilobytes() {
        double avg = docs.stream().mapToInt(DocumentChecksum::bsonSize).average().orElse(0);
        assertThat(avg).isBetween(1_000.0, 3_000.0);
    }

    private double share(Predicate<Document> p) {
        return docs.stream().filter(p).count() / (double) N;
    }
}
