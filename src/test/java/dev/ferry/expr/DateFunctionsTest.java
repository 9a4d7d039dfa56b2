package dev.ferry.expr;

import static dev.ferry.expr.Expressions.eval;
import static dev.ferry.expr.Expressions.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** parse_date and format_date with patterns and zones, on dates stored as text the way exports store them. */
class DateFunctionsTest {
    private static final Document REVIEW = new Document("date", "2015-08-13 00:27:59.177000000")
            .append("day", "13/08/2015").append("local", "2019-02-16 05:00").append("stamped", "2019-02-16T05:00:00+01:00")
            .append("at", Date.from(Instant.parse("2015-08-13T00:27:59.177Z"))).append("none", null)
            .append("bad", "2021-02-30 10:00");

    private static Date at(String iso) {
        return Date.from(Instant.parse(iso));
    }

    @Test
    void parseDateWithPatternAndZone() {
        assertThat(eval("parse_date(date, 'yyyy-MM-dd HH:mm:ss.SSSSSSSSS')", REVIEW)).isEqualTo(at("2015-08-13T00:27:59.177Z"));
        assertThat(eval("parse_date(day, 'dd/MM/yyyy')", REVIEW)).isEqualTo(at("2015-08-13T00:00:00Z"));
        assertThat(eval("parse_date(day, 'dd/MM/yyyy', 'Europe/Lisbon')", REVIEW)).isEqualTo(at("2015-08-12T23:00:00Z"));
        assertThat(eval("parse_date(local, 'yyyy-MM-dd HH:mm', 'America/New_York')", REVIEW))
                .isEqualTo(at("2019-02-16T10:00:00Z"));
        // an offset in the text wins over the zone
        assertThat(eval("parse_date(stamped, \"yyyy-MM-dd'T'HH:mm:ssXXX\", 'Asia/Tokyo')", REVIEW))
                .isEqualTo(at("2019-02-16T04:00:00Z"));
        assertThat(eval("parse_date(none, 'yyyy')", REVIEW)).isNull();
    }

    @Test
    void parseDateRefusesWhatDoesNotMatch() {
        assertThat(failure("parse_date(day, 'yyyy-MM-dd')", REVIEW)).isEqualTo("parse_date(day, 'yyyy-MM-dd'): day ="
                + " \"13/08/2015\" (a string) does not match the pattern 'yyyy-MM-dd' at position 0");
        // strict: the 30th of February is refused, never moved to the 28th
        assertThat(failure("parse_date(bad, 'yyyy-MM-dd HH:mm')", REVIEW)).contains("bad = \"2021-02-30 10:00\"");
        assertThat(failure("parse_date(at, 'yyyy')", REVIEW)).contains("at = 2015-08-13T00:27:59.177Z (a date) should be"
                + " text");
        assertThat(failure("parse_date(day, p)", new Document("day", "x").append("p", "yyyy-qq-bb")))
                .contains("is not a date pattern");
        assertThat(failure("parse_date(day, 'dd/MM/yyyy', z)", new Document("day", "13/08/2015").append("z", "Mars/Base")))
                .contains("z = \"Mars/Base\" (a string) is not a time zone");
    }

    @Test
    void formatDate() {
        assertThat(eval("format_date(at, 'dd/MM/yyyy HH:mm')", REVIEW)).isEqualTo("13/08/2015 00:27");
        assertThat(eval("format_date(at, 'dd/MM/yyyy HH:mm', 'Europe/Paris')", REVIEW)).isEqualTo("13/08/2015 02:27");
        assertThat(eval("format_date(at, \"yyyy-MM-dd'T'HH:mm:ss.SSSXXX\", 'Asia/Kolkata')", REVIEW))
                .isEqualTo("2015-08-13T05:57:59.177+05:30");
        assertThat(eval("format_date(parse_date(day, 'dd/MM/yyyy'), 'yyyy-MM-dd')", REVIEW)).isEqualTo("2015-08-13");
        assertThat(eval("format_date(none, 'yyyy')", REVIEW)).isNull();
        assertThat(failure("format_date(day, 'yyyy')", REVIEW)).isEqualTo("format_date(day, 'yyyy'): day = \"13/08/2015\""
                + " (a string) should be a date (text: parse_date(x, pattern) reads it)");
    }
}
