package dev.ferry.engine.split.validate;

import dev.ferry.store.SourceKeys;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class DocumentDiffTest {

    @Test
    void equalDocumentsInAnotherFieldOrderHaveNoDifferences() {
        Document a = new Document("a", 1).append("b", new Document("x", "y").append("z", List.of(1, 2)));
        Document b = new Document("b", new Document("z", List.of(1, 2)).append("x", "y")).append("a", 1);
        assertThat(DocumentDiff.between(a, b)).isEmpty();
    }

    @Test
    void comparesValuesAsTheyWouldBeStored() {
        Instant at = Instant.parse("2025-10-13T10:15:23Z");
        assertThat(DocumentDiff.between(new Document("at", at), new Document("at", Date.from(at)))).isEmpty();
    }

    @Test
    void namesEachDifferenceByItsDottedPath() {
        Document expected = new Document("n", 5).append("tags", List.of("a", "b")).append("pii", new Document("risk", "low"))
                .append("gone", true);
        Document stored = new Document("n", 5L).append("tags", List.of("a", "c", "d")).append("pii", new Document("risk", "high"))
                .append("new", 1.5);

        assertThat(DocumentDiff.between(expected, stored)).extracting(dev.ferry.engine.FieldDifference::describe).containsExactly(
                "n: type change int 5 → long 5",
                "tags.1: expected string \"b\", stored string \"c\"",
                "tags.2: extra in target (string \"d\")",
                "pii.risk: expected string \"low\", stored string \"high\"",
                "gone: missing in target (expected bool true)",
                "new: extra in target (double 1.5)");
    }

    @Test
    void rendersObjectIdKeysAsHexAndOthersAsText() {
        ObjectId id = new ObjectId("6553f105b728fa2fab000005");
        assertThat(SourceKeys.render(id)).isEqualTo("6553f105b728fa2fab000005");
        assertThat(SourceKeys.render(42L)).isEqualTo("42");
        assertThat(SourceKeys.valueAt(new Document("meta", new Document("id", 7)), "meta.id")).isEqualTo(7);
        assertThat(SourceKeys.valueAt(new Document("meta", 1), "meta.id")).isNull();
    }
}
