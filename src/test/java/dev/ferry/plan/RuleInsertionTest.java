package dev.ferry.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RuleInsertionTest {

    private static final String PLAN = """
            # people, reshaped
            name: people
            source: { collection: people, key: _id }
            targets:
              - collection: contacts          # one per person
                id: { from: _id }
                fields:
                  # who
                  name: { from: full_name }   # as typed
                  phones:
                    each: phones
                    fields:
                      number: { from: n }
                    # trailing note about phones, indented under the rule

              - table: public.addresses
                id: { from: _id }
                fields: { street: { from: address.street } }
            guardrails: {}
            """;

    @Test
    void addsTheRuleAfterTheTargetsLastRuleAtItsIndentationAndLeavesEveryOtherByte() {
        RuleInsertion.Edit edit = RuleInsertion.addRule(PLAN, "people.yaml", "contacts", "city", "address.city");
        String after = edit.applyTo(PLAN);
        assertThat(edit.inserted()).isEqualTo("      city: { from: address.city }\n");
        assertThat(after).contains("""
                        # trailing note about phones, indented under the rule
                      city: { from: address.city }

                  - table: public.addresses
                """);
        assertThat(after.substring(0, edit.offset())).isEqualTo(PLAN.substring(0, edit.offset()));
        assertThat(after.substring(edit.offset() + edit.inserted().length())).isEqualTo(PLAN.substring(edit.offset()));
        Plan plan = PlanLoader.parse(after, "people.yaml");
        assertThat(plan.targets().get(0).fields()).containsKeys("name", "phones", "city");
        assertThat(plan.targets().get(0).fields().get("city")).isEqualTo(new FieldRule.From("address.city", RuleOptions.NONE));
    }

    @Test
    void aFlowMapOfFieldsGetsTheRuleBeforeItsClosingBrace() {
        String after = RuleInsertion.addRule(PLAN, "people.yaml", "public.addresses", "zip", "address.zip")
                .applyTo(PLAN);
        assertThat(after).contains("fields: { street: { from: address.street }, zip: { from: address.zip } }");
        assertThat(PlanLoader.parse(after, "people.yaml").targets().get(1).fields()).containsKeys("street", "zip");
    }

    @Test
    void namesThatAreNotPlainYamlAreQuoted() {
        String after = RuleInsertion.addRule(PLAN, "people.yaml", "contacts", "yes", "odd key: #1").applyTo(PLAN);
        assertThat(after).contains("      \"yes\": { from: \"odd key: #1\" }\n");
        assertThat(((FieldRule.From) PlanLoader.parse(after, "people.yaml").targets().get(0).fields().get("yes")).path())
                .isEqualTo("odd key: #1");
    }

    @Test
    void aTextWithoutATrailingNewlineGetsOne() {
        String text = """
                name: t
                source: { collection: s, key: _id }
                targets:
                  - collection: t
                    id: { from: _id }
                    fields:
                      a: { from: a }""";
        String after = RuleInsertion.addRule(text, "t.yaml", "t", "b", "b").applyTo(text);
        assertThat(after).isEqualTo(text + "\n      b: { from: b }\n");
    }

    @Test
    void jsonPlansGetAJsonMember() throws IOException {
        String text = """
                {
                  "name": "j",
                  "source": { "collection": "s", "key": "_id" },
                  "targets": [
                    {
                      "collection": "t",
                      "id": { "from": "_id" },
                      "fields": {
                        "a": { "from": "a" }
                      }
                    }
                  ]
                }
                """;
        String after = RuleInsertion.addRule(text, "j.json", "t", "b", "x.y").applyTo(text);
        assertThat(after).contains("""
                        "a": { "from": "a" },
                        "b": { "from": "x.y" }
                      }
                """);
        assertThat(PlanLoader.parse(after, "j.json").targets().get(0).fields()).containsKeys("a", "b");
    }

    @Test
    void refusesARuleThatExistsATargetThatDoesNotAndTextThatDoesNotParse() {
        assertThatThrownBy(() -> RuleInsertion.addRule(PLAN, "people.yaml", "contacts", "name", "x"))
                .isInstanceOfSatisfying(PlanException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(err -> {
                            assertThat(err.line()).isEqualTo(9);
                            assertThat(err.message()).contains("already has a rule for 'name' (line 9)");
                        }));
        assertThatThrownBy(() -> RuleInsertion.addRule(PLAN, "people.yaml", "nope", "a", "x"))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("no target is named 'nope'").hasMessageContaining("[contacts, public.addresses]");
        assertThatThrownBy(() -> RuleInsertion.addRule("name: [", "broken.yaml", "t", "a", "x"))
                .isInstanceOf(PlanException.class).hasMessageContaining("broken.yaml:");
        assertThatThrownBy(() -> RuleInsertion.addRule(PLAN, "people.yaml", "contacts", " ", "x"))
                .isInstanceOf(PlanException.class).hasMessageContaining("name the target field");
    }

    @Test
    void theBuiltInPlanKeepsEveryCommentWhenARuleIsAdded() throws IOException {
        String text = Files.readString(Path.of("plans", "user-data-split.yaml"), StandardCharsets.UTF_8);
        RuleInsertion.Edit edit = RuleInsertion.addRule(text, "user-data-split.yaml", "dataset_metadata",
                "owner_name", "statistics.owner");
        String after = edit.applyTo(text);
        assertThat(after.replace(edit.inserted(), "")).isEqualTo(text);
        assertThat(edit.inserted()).isEqualTo("      owner_name: { from: statistics.owner }\n");
        assertThat(after).contains("""
                      updated_at: { from: updated_at }                    # DM: updated_at → updated_at, direct copy
                      owner_name: { from: statistics.owner }
                """);
        assertThat(PlanLoader.parse(after, "user-data-split.yaml").targets().get(0).fields()).containsKey("owner_name");
    }
}
