package dev.ferry.expr;

import static dev.ferry.expr.Expressions.eval;
import static dev.ferry.expr.Expressions.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Each text function: what it gives, what a null gives, and the reason when a value has the wrong type. */
class TextFunctionsTest {
    /** A listing as scraped data has it: padded names, dates as text, codes in mixed case. */
    private static final Document LISTING = new Document("name", "  Ribeira Charming Duplex ")
            .append("last_scraped", "2019-02-16 05:00:00").append("country_code", "pt").append("beds", 3)
            .append("phone", "(503) 555-9931").append("sku", "SKU-00042").append("host", null)
            .append("amenities", "TV,Wifi,,Kitchen").append("city", "Porto").append("emoji", "caf\u00e9 \uD83D\uDE00!");

    @Test
    void trimLowerUpper() {
        assertThat(eval("trim(name)", LISTING)).isEqualTo("Ribeira Charming Duplex");
        assertThat(eval("upper(country_code)", LISTING)).isEqualTo("PT");
        assertThat(eval("lower('ÉTÉ')", LISTING)).isEqualTo("été");
        assertThat(eval("upper(lower(trim(name)))", LISTING)).isEqualTo("RIBEIRA CHARMING DUPLEX");
        assertThat(eval("trim(host)", LISTING)).isNull();
        assertThat(eval("lower(missing)", LISTING)).isNull();
        assertThat(failure("upper(beds)", LISTING)).isEqualTo("upper(beds): beds = 3 (a number) should be text"
                + " (make it text first: concat(x))");
    }

    @Test
    void replaceTurnsTextDatesIntoIso() {
        assertThat(eval("replace(last_scraped, ' ', 'T')", LISTING)).isEqualTo("2019-02-16T05:00:00");
        assertThat(eval("replace(phone, '-', '')", LISTING)).isEqualTo("(503) 5559931");
        assertThat(eval("replace(host, 'a', 'b')", LISTING)).isNull();
        assertThat(failure("replace(last_scraped, '', 'x')", LISTING)).contains("find").contains("is empty");
        assertThat(failure("replace(beds, '3', '4')", LISTING)).startsWith("replace(beds, '3', '4'): beds = 3");
    }

    @Test
    void regexReplaceMatchAndExtract() {
        assertThat(eval("regex_replace(phone, '[^0-9]', '')", LISTING)).isEqualTo("5035559931");
        assertThat(eval("regex_replace(sku, '([A-Z]+)-0*([0-9]+)', '$2-$1')", LISTING)).isEqualTo("42-SKU");
        assertThat(eval("regex_match(sku, '^SKU-[0-9]+$')", LISTING)).isEqualTo(true);
        assertThat(eval("regex_match(city, '^SKU')", LISTING)).isEqualTo(false);
        assertThat(eval("regex_extract(sku, '[0-9]+')", LISTING)).isEqualTo("00042");
        assertThat(eval("regex_extract(phone, '\\\\(([0-9]{3})\\\\)')", LISTING)).isEqualTo("503");
        assertThat(eval("regex_extract(sku, '([A-Z]+)-([0-9]+)', 2)", LISTING)).isEqualTo("00042");
        assertThat(eval("regex_extract(city, '[0-9]+')", LISTING)).isNull();
        assertThat(eval("regex_match(host, 'x')", LISTING)).isNull();
        assertThat(failure("regex_extract(sku, '[0-9]+', 3)", LISTING)).contains("names no group: the regex has 0");
        assertThat(failure("regex_match(beds, '3')", LISTING)).startsWith("regex_match(beds, '3'): beds = 3");
        // a pattern computed per record is checked when it is used
        assertThat(failure("regex_match(city, concat('(', city))", new Document("city", "Porto")))
                .contains("is not a valid regular expression");
    }

    @Test
    void splitKeepsEmptyParts() {
        assertThat(eval("split(amenities, ',')", LISTING)).isEqualTo(List.of("TV", "Wifi", "", "Kitchen"));
        assertThat(eval("split(last_scraped, ' ')[0]", LISTING)).isEqualTo("2019-02-16");
        assertThat(eval("split(city, ',')", LISTING)).isEqualTo(List.of("Porto"));
        assertThat(eval("split(host, ',')", LISTING)).isNull();
        assertThat(failure("split(amenities, '')", LISTING)).contains("is empty");
    }

    @Test
    void substringCountsCharactersAndClampsPositions() {
        assertThat(eval("substring(last_scraped, 0, 4)", LISTING)).isEqualTo("2019");
        assertThat(eval("substring(last_scraped, 11)", LISTING)).isEqualTo("05:00:00");
        assertThat(eval("substring(last_scraped, -8)", LISTING)).isEqualTo("05:00:00");
        assertThat(eval("substring(city, 2, 100)", LISTING)).isEqualTo("rto");
        assertThat(eval("substring(city, 4, 2)", LISTING)).isEqualTo("");
        assertThat(eval("substring(emoji, 5, 6)", LISTING)).isEqualTo("\uD83D\uDE00");
        assertThat(eval("substring(host, 1)", LISTING)).isNull();
        assertThat(failure("substring(city, at)", new Document("city", "Porto").append("at", 1.5)))
                .isEqualTo("substring(city, at): at = 1.5 (a number) should be a whole number");
        assertThat(failure("substring(city, start)", new Document("city", "Porto").append("start", "1")))
                .isEqualTo("substring(city, start): start = \"1\" (a string) should be a whole number");
    }

    @Test
    void concatSkipsNullsAndWritesNumbersAndDatesAsText() {
        assertThat(eval("concat(city, ', ', upper(country_code))", LISTING)).isEqualTo("Porto, PT");
        assertThat(eval("concat(city, host, '!')", LISTING)).isEqualTo("Porto!");
        assertThat(eval("concat(beds, ' beds')", LISTING)).isEqualTo("3 beds");
        assertThat(eval("concat(x)", new Document("x", new java.util.Date(0)))).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(eval("concat(x)", new Document("x", new org.bson.types.Decimal128(new java.math.BigDecimal("80.50")))))
                .isEqualTo("80.5");
        assertThat(failure("concat(city, tags)", new Document("city", "Porto").append("tags", List.of("a"))))
                .isEqualTo("concat(city, tags): tags = [a] (an array) should be text, a number, a date or a boolean");
    }

    @Test
    void padLeftAndRight() {
        assertThat(eval("pad_left(beds, 3, '0')", LISTING)).isEqualTo("003");
        assertThat(eval("pad_left(city, 7)", LISTING)).isEqualTo("  Porto");
        assertThat(eval("pad_right(city, 7, '.')", LISTING)).isEqualTo("Porto..");
        assertThat(eval("pad_left(city, 2, '0')", LISTING)).isEqualTo("Porto");
        assertThat(eval("pad_left(host, 3, '0')", LISTING)).isNull();
        assertThat(failure("pad_left(beds, 3, '00')", LISTING)).contains("should be one character");
        assertThat(failure("pad_left(beds, city)", LISTING)).isEqualTo("pad_left(beds, city): city = \"Porto\" (a string)"
                + " should be a whole number");
    }
}
