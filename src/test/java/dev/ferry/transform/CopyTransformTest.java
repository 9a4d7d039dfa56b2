package dev.ferry.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class CopyTransformTest {

    private final Document source = new Document("_id", 7).append("user_id", "user_0042").append("aiSummary", "s")
            .append("pii_report", new Document("confidence", 0.9)).append("file_type", null)
            .append("tags", new ArrayList<>(List.of(new Document("k", 1))));

    @Test
    void copiesRenamesAndPutsIdFirst() {
        Document t = TestPlans.target(source, "user_id: { from: user_id }", "ai_summary: { from: aiSummary }");
        assertThat(t.keySet()).containsExactly("_id", "user_id", "ai_summary");
        assertThat(t).containsEntry("_id", 7).containsEntry("user_id", "user_0042").containsEntry("ai_summary", "s");
    }

    @Test
    void liftsOutOfAndNestsIntoSubDocuments() {
        Document t = TestPlans.target(source, "confidence: { from: pii_report.confidence }",
                "pii.user: { from: user_id }", "pii.summary.text: { from: aiSummary }", "first_tag: { from: tags.0.k }");
        assertThat(t.getDouble("confidence")).isEqualTo(0.9);
        assertThat(t.get("pii", Document.class)).isEqualTo(
                new Document("user", "user_0042").append("summary", new Document("text", "s")));
        assertThat(t.getInteger("first_tag")).isEqualTo(1);
    }

    @Test
    void missingSourceIsLeftOutAndPresentNullIsCopied() {
        Document t = TestPlans.target(source, "a: { from: nope }", "b: { from: pii_report.nope }", "c: { from: file_type }",
                "d.e: { from: nope }");
        assertThat(t).doesNotContainKeys("a", "b", "d").containsEntry("c", null).containsKey("c");
    }

    @Test
    void mappingTheShippedPlanNeverChangesTheSourceRecord() {
        RecordMapper mapper = PlanMapper.compile(dev.ferry.plan.PlanLoader.load(java.nio.file.Path.of(
                "plans/user-data-split.yaml")));
        for (Document record : new dev.ferry.demo.UserDataGenerator(3).documents(0, 200)) {
            String before = record.toJson();
            MappedRecord mapped = mapper.map(record);
            assertThat(record.toJson()).isEqualTo(before);
            assertThat(mapped.targets()).isNotEmpty();
        }
    }

    @Test
    void aFieldPutIntoAnExistingSubDocumentCopiesItFirst() {
        Document shared = new Document("level", "high");
        Document target = new Document("report", shared);
        NestedFields.put(target, "report.masked", true);
        assertThat(shared).isEqualTo(new Document("level", "high"));
        assertThat(target.get("report", Document.class)).isEqualTo(new Document("level", "high").append("masked", true));
    }
}
