package dev.ferry.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Embed, fan-out, create, key, indexes and column types: what the plan file says wrong is reported at its line and
 * column with the closest name, before any database is touched.
 */
class ShapedPlanLintTest {

    private static List<String> errors(String text) {
        PlanException e = catchThrowableOfType(PlanException.class, () -> PlanLoader.parse(text, "s.yaml"));
        assertThat(e).as("expected a PlanException").isNotNull();
        return e.errors().stream().map(PlanError::render).toList();
    }

    @Test
    void aValidShapedPlanBindsEveryPart() {
        Plan plan = PlanLoader.parse("""
                name: shop
                source: { table: customers, key: customer_id }
                targets:
                  - collection: customers
                    create: true
                    indexes:
                      - { keys: { email: 1 }, unique: true }
                      - { keys: { country: 1, since: -1 }, name: by_country }
                    id: { from: customer_id }
                    fields:
                      email: { from: email }
                      orders:
                        embed: orders
                        order_by: [ordered_at desc, order_id]
                        fields:
                          id: { from: order_id }
                          items: { embed: order_items, match: { order_id: order_id } }
                          customer: { embed_one: customers, fields: { name: { from: last_name } } }
                """, "shop.yaml");
        TargetSpec customers = plan.targets().get(0);
        assertThat(customers.options().create()).isTrue();
        assertThat(customers.options().indexes()).extracting(TargetOptions.IndexSpec::describe)
                .containsExactly("{email: 1} unique", "{country: 1, since: -1} named by_country");
        FieldRule.Embed orders = (FieldRule.Embed) customers.fields().get("orders");
        assertThat(orders.many()).isTrue();
        assertThat(orders.match()).isEmpty();
        assertThat(orders.orderBy()).containsExactly("ordered_at desc", "order_id");
        assertThat(orders.where()).isEqualTo("shop.yaml:13:9");
        FieldRule.Embed items = (FieldRule.Embed) orders.fields().get("items");
        assertThat(items.id()).isEqualTo("targets[0].fields.orders.fields.items");
        assertThat(items.fields()).isNull();
        assertThat(items.match()).containsEntry("order_id", "order_id");
        assertThat(((FieldRule.Embed) orders.fields().get("customer")).many()).isFalse();
        assertThat(EmbedRules.of(plan)).singleElement().satisfies(n -> assertThat(n.children()).hasSize(2));
        assertThat(plan.embeds()).isTrue();
        assertThat(plan.fansOut()).isFalse();
    }

    @Test
    void embedMistakes() {
        assertThat(errors("""
                name: shop
                source: { table: customers, key: customer_id }
                targets:
                  - collection: customers
                    id: { from: customer_id }
                    fields:
                      a: { embed: orders, orderby: ordered_at }
                      b: { embed_one: customers, order_by: x, convert: string }
                      c: { each: tags, fields: { d: { embed: orders } } }
                      e: { embed: orders, match: { customer_id: 5 } }
                      f: { embed: [orders] }
                """)).containsExactly(
                "s.yaml:7:27: targets[0].fields.a: unknown transform 'orderby' (did you mean 'order_by'?)",
                "s.yaml:8:34: targets[0].fields.b: order_by orders an array: embed_one gives one record",
                "s.yaml:8:47: targets[0].fields.b: convert does not apply to embed_one: its value is a record",
                "s.yaml:9:39: targets[0].fields.c.fields.d: embed reads related records for a whole source record,"
                        + " once a batch; it is not available inside each or a fan-out target (embed into the"
                        + " target, then each over it)",
                "s.yaml:10:49: targets[0].fields.e.match.customer_id: expected the field of this record that"
                        + " customer_id equals, got a number",
                "s.yaml:11:19: targets[0].fields.f: expected the related table (schema.table) or collection, got a"
                        + " list");
    }

    @Test
    void fanOutMistakes() {
        assertThat(errors("""
                name: reviews
                source: { collection: listings }
                targets:
                  - collection: reviews
                    each: reviews
                    parent: listing
                    id: { from: _id }
                    key: [listing_id]
                    fields: { a: { from: a } }
                  - table: listings
                    id: { from: _id }
                    fields: { b: { from: b, type: text } }
                  - collection: other
                    parent: listings
                    key: k
                    id: { from: _id }
                    fields: { c: { from: c } }
                """)).containsExactly(
                "s.yaml:6:13: targets[0].parent: 'listing' is not a target listed before this one: a parent is"
                        + " written first, so it comes first",
                "s.yaml:7:5: targets[0].id: a fan-out target's id is its parent's key and the element's position"
                        + " (named by key:); leave id out",
                "s.yaml:8:10: targets[0].key: a fan-out target's key has two names: the parent's key, then the"
                        + " element's position, e.g. [listing_id, position]",
                "s.yaml:12:29: targets[1].fields.b: type sets the column of a table the run creates: give the"
                        + " target create: true (and a table), or leave type out",
                "s.yaml:14:13: targets[2].parent: parent is for a fan-out target (each: …): the target whose id its"
                        + " records carry",
                "s.yaml:15:10: targets[2].key: a collection's key is _id, set by the id rule: key names a table's"
                        + " primary key column, or a fan-out target's [parent key, position]");
    }

    @Test
    void createIndexAndTypeMistakes() {
        assertThat(errors("""
                name: t
                source: { collection: src }
                targets:
                  - table: out
                    create: yes please
                    indexes: [ { keys: { a: 2 } }, { key: { a: 1 } } ]
                    id: { from: _id }
                    fields:
                      a: { from: a, type: "text; DROP TABLE x" }
                      b: { each: bs, fields: { c: { from: c, type: int } } }
                """)).containsExactly(
                "s.yaml:5:13: targets[0].create: expected a boolean, got a string",
                "s.yaml:6:29: targets[0].indexes[0].keys.a: expected 1 (ascending) or -1 (descending), got 2",
                "s.yaml:6:36: targets[0].indexes[1]: missing required key 'keys'",
                "s.yaml:6:38: targets[0].indexes[1].key: unknown key 'key' (did you mean 'keys'?)",
                "s.yaml:9:27: targets[0].fields.a.type: 'text; DROP TABLE x' is not a column type such as text,"
                        + " bigint, numeric(10,2), timestamptz, varchar(40) or text[]",
                "s.yaml:10:46: targets[0].fields.b.fields.c: type sets the column of a table the run creates: it"
                        + " goes on a target's own field, not inside each, embed or coalesce");
    }

    @Test
    void aTablesIndexNamesItsColumns() {
        assertThat(errors("""
                name: t
                source: { collection: src }
                targets:
                  - table: out
                    create: true
                    key: out_id
                    indexes: [ { keys: { out_id: 1, address: 1 } }, { keys: { adress: 1 } }, { keys: { address.city: 1 } } ]
                    id: { from: _id }
                    fields:
                      address.city: { from: city }
                """)).containsExactly(
                "s.yaml:7:53: targets[0].indexes[1]: 'adress' is not a column of this table (did you mean"
                        + " 'address'?): a table's index names its key or top-level fields",
                "s.yaml:7:78: targets[0].indexes[2]: 'address.city' is not a column of this table: a table's index"
                        + " names its key or top-level fields");
    }
}
