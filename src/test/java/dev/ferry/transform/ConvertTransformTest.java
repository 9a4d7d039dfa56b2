package dev.ferry.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.plan.ConvertType;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class ConvertTransformTest {
    private static final String UUID_TEXT = "123e4567-e89b-12d3-a456-426614174000";

    private static Object convert(ConvertType type, Object value) {
        return ValueConversions.convert(type, value);
    }

    @Test
    void uuidAcceptsCanonicalTextInAnyCaseAndRejectsGarbage() {
        assertThat(convert(ConvertType.UUID, UUID_TEXT)).isEqualTo(UUID.fromString(UUID_TEXT));
        assertThat(convert(ConvertType.UUID, UUID_TEXT.toUpperCase())).isEqualTo(UUID.fromString(UUID_TEXT));
        assertThatThrownBy(() -> convert(ConvertType.UUID, "{" + UUID_TEXT + "}"))
                .hasMessageContaining("without braces");
        assertThatThrownBy(() -> convert(ConvertType.UUID, "1-2-3-4-5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> convert(ConvertType.UUID, 42)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stringFromIdsDatesAndNumbers() {
        assertThat(convert(ConvertType.STRING, new ObjectId("65f0a1b2c3d4e5f601234567"))).isEqualTo("65f0a1b2c3d4e5f601234567");
        assertThat(convert(ConvertType.STRING, UUID.fromString(UUID_TEXT))).isEqualTo(UUID_TEXT);
        assertThat(convert(ConvertType.STRING, new Date(0))).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(convert(ConvertType.STRING, 42)).isEqualTo("42");
        assertThat(convert(ConvertType.STRING, 2.5)).isEqualTo("2.5");
        assertThat(convert(ConvertType.STRING, 3.0)).isEqualTo("3");
        assertThat(convert(ConvertType.STRING, 1e20)).isEqualTo("100000000000000000000");
        assertThatThrownBy(() -> convert(ConvertType.STRING, List.of(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dateFromIsoTextDayTextAndEpochMillis() {
        assertThat(convert(ConvertType.DATE, "2024-03-01T10:15:00Z")).isEqualTo(new Date(1709288100000L));
        assertThat(convert(ConvertType.DATE, "2024-03-01T12:15:00+02:00")).isEqualTo(new Date(1709288100000L));
        assertThat(convert(ConvertType.DATE, "2024-03-01T10:15:00")).isEqualTo(new Date(1709288100000L));
        assertThat(convert(ConvertType.DATE, "2024-03-01")).isEqualTo(new Date(1709251200000L));
        assertThat(convert(ConvertType.DATE, 1709288100000L)).isEqualTo(new Date(1709288100000L));
        Date date = new Date(5);
        assertThat(convert(ConvertType.DATE, date)).isSameAs(date);
        assertThat(convert(ConvertType.DATE, "2024-03-01")).isExactlyInstanceOf(Date.class);
        assertThatThrownBy(() -> convert(ConvertType.DATE, "yesterday")).hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> convert(ConvertType.DATE, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void numbersAndBooleans() {
        assertThat(convert(ConvertType.NUMBER, "42")).isEqualTo(42L);
        assertThat(convert(ConvertType.NUMBER, "4.5")).isEqualTo(4.5);
        assertThat(convert(ConvertType.NUMBER, 3.0)).isEqualTo(3L);
        assertThat(convert(ConvertType.NUMBER, 7)).isEqualTo(7L);
        assertThat(convert(ConvertType.INT, "12")).isEqualTo(12);
        assertThat(convert(ConvertType.LONG, 12.0)).isEqualTo(12L);
        assertThat(convert(ConvertType.DOUBLE, "1.25")).isEqualTo(1.25);
        assertThat(convert(ConvertType.BOOLEAN, "TRUE")).isEqualTo(true);
        assertThat(convert(ConvertType.BOOLEAN, 0)).isEqualTo(false);
        assertThatThrownBy(() -> convert(ConvertType.NUMBER, "12abc")).hasMessage("not a number");
        assertThatThrownBy(() -> convert(ConvertType.INT, "1.5")).hasMessage("not a whole number");
        assertThatThrownBy(() -> convert(ConvertType.INT, 3_000_000_000L)).hasMessage("out of the int range");
        assertThatThrownBy(() -> convert(ConvertType.BOOLEAN, "yes")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> convert(ConvertType.NUMBER, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inAPlanAFailedConversionNamesTheSourceFieldAndValueAndNullPassesThrough() {
        MappedRecord r = TestPlans.map(new Document("_id", 1).append("ts", "yesterday").append("n", null),
                "at: { from: ts, convert: date }", "n: { from: n, convert: int }", "id: { from: nope, convert: uuid }");
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("at");
            assertThat(e.message()).startsWith("cannot convert source field 'ts' = \"yesterday\" (a string) to date:");
        });
        assertThat(r.targets().get("t")).containsEntry("n", null).doesNotContainKeys("at", "id");
    }
}
