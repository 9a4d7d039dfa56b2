package dev.ferry.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * plan lint on expressions: every function known with its arity, errors at the file's line and column (inside the
 * quoted expression), the closest name, the function to use for a method call; nothing accepted that would fail on
 * every record for a reason that can be seen in the plan.
 */
class FunctionLintTest {

    /** A plan whose field rules are the given lines (line 7 on). */
    private static String plan(String... fieldLines) {
        StringBuilder text = new StringBuilder("""
                name: t
                source: { collection: src }
                targets:
                  - collection: out
                    id: { from: _id }
                    fields:
                """);
        for (String line : fieldLines) {
            text.append("      ").append(line).append('\n');
        }
        return text.toString();
    }

    private static List<String> errors(String... fieldLines) {
        PlanException e = catchThrowableOfType(PlanException.class, () -> PlanLoader.parse(plan(fieldLines), "t.yaml"));
        assertThat(e).as("expected lint errors").isNotNull();
        return e.errors().stream().map(PlanError::render).toList();
    }

    @Test
    void theIssuesExamplesPassLint() {
        Plan loaded = PlanLoader.parse(plan(
                "a: { expr: \"substring(code, 0, 4)\" }",
                "b: { expr: \"round(price, 2)\" }",
                "c: { expr: \"replace(lastupdated, ' ', 'T')\", convert: date }",
                "d: { expr: \"parse_date(lastupdated, 'yyyy-MM-dd HH:mm:ss.SSSSSSSSS')\" }",
                "e: { expr: \"price * qty\" }",
                "f: { expr: \"to_entries(scores)\" }",
                "g: { from: lastupdated, convert: { to: date, pattern: 'yyyy-MM-dd HH:mm:ss.SSSSSSSSS', zone: UTC } }"),
                "t.yaml");
        assertThat(loaded.targets().get(0).fields()).hasSize(7);
    }

    @Test
    void unknownFunctionAtItsColumnWithTheClosestName() {
        assertThat(errors("a: { expr: \"substr(code, 1)\" }")).containsExactly("t.yaml:7:19: targets[0].fields.a: bad"
                + " expression 'substr(code, 1)': unknown function 'substr' (did you mean 'substring'?); the functions"
                + " are listed in the README (The plan format: functions)");
        // the second call on the line, in a plain (unquoted) scalar: column of 'uper'
        assertThat(errors("a: { expr: trim(x) + uper(y) }")).singleElement().asString()
                .startsWith("t.yaml:7:28: targets[0].fields.a: bad expression 'trim(x) + uper(y)': unknown function"
                        + " 'uper' (did you mean 'upper'?)");
    }

    @Test
    void wrongArity() {
        assertThat(errors("a: { expr: \"round(price, 2, 'half_up', 1)\" }")).singleElement().asString()
                .endsWith("round takes 1 to 3 arguments (round(number, scale?, mode?)), got 4");
        assertThat(errors("a: { expr: \"replace(x, 'a')\" }")).singleElement().asString()
                .startsWith("t.yaml:7:19:").endsWith("replace takes 3 arguments (replace(text, find, replacement)), got 2");
        assertThat(errors("a: { expr: \"concat()\" }")).singleElement().asString()
                .endsWith("concat takes at least 1 argument (concat(value, …)), got 0");
    }

    @Test
    void aMethodCallNamesTheFunctionToWrite() {
        assertThat(errors("a: { expr: \"lastupdated.replace(' ', 'T')\" }")).containsExactly("t.yaml:7:30:"
                + " targets[0].fields.a: bad expression 'lastupdated.replace(' ', 'T')': method calls are not allowed in"
                + " plan expressions ('lastupdated.replace(…)'): write replace(lastupdated, ' ', 'T')");
        assertThat(errors("a: { expr: \"name.first.toUpperCase()\" }")).singleElement().asString()
                .endsWith("write upper(name.first)");
        assertThat(errors("a: { expr: \"s.getBytes()\" }")).singleElement().asString()
                .endsWith("use a function instead (see the README's function table)");
    }

    @Test
    void literalArgumentsAreCheckedAgainstTheParameter() {
        assertThat(errors("a: { expr: \"parse_date(d, 'yyyy-MM-dd bb')\" }")).singleElement()
                .asString().contains("parse_date: pattern (argument 2) is not a date pattern");
        assertThat(errors("a: { expr: \"format_date(d, 'yyyy', 'Europe/Pariss')\" }")).singleElement().asString()
                .contains("format_date: zone (argument 3) is not a time zone");
        assertThat(errors("a: { expr: \"regex_match(d, '[0-9')\" }")).singleElement().asString()
                .contains("regex_match: regex (argument 2) is not a valid regular expression");
        assertThat(errors("a: { expr: \"round(p, 2, 'half_upp')\" }")).singleElement().asString()
                .contains("'half_upp' is not a rounding mode (did you mean 'half_up'?)");
        assertThat(errors("a: { expr: \"round(p, 'two')\" }")).singleElement().asString()
                .startsWith("t.yaml:7:28:").contains("round: scale (argument 2) should be a whole number, got 'two'");
        assertThat(errors("a: { expr: \"substring(s, 0, 2.5)\" }")).singleElement().asString()
                .contains("should be a whole number, got 2.5");
        assertThat(errors("a: { expr: \"upper(42)\" }")).singleElement().asString()
                .contains("upper: text (argument 1) should be text, got 42");
        assertThat(errors("a: { expr: \"format_date('2020-01-01', 'yyyy')\" }")).singleElement().asString()
                .contains("(parse_date(text, pattern) makes a date of text)");
        assertThat(errors("a: { expr: \"replace(s, null, 'x')\" }")).singleElement().asString()
                .contains("find (argument 2) is null");
    }

    @Test
    void filterConditionsAreLintedToo() {
        assertThat(errors("a: { expr: \"filter(reviews, cond)\" }")).singleElement().asString()
                .contains("filter: the condition must be written in quotes");
        assertThat(errors("a: { expr: \"filter(reviews, 'uper(comments) == \\\"X\\\"')\" }")).singleElement().asString()
                .contains("filter: in the condition 'uper(comments) == \"X\"': unknown function 'uper'");
    }

    @Test
    void aConstantExpressionThatFailsFailsLint() {
        assertThat(errors("a: { expr: \"size(substring('abc', 1)) / 0\" }")).singleElement().asString()
                .contains("fails for every record: division by zero");
        assertThat(errors("a: { from: a, when: \"'yes'\" }")).singleElement().asString()
                .endsWith("gives \"yes\" (a string) for every record, not true or false");
        assertThat(errors("a: { expr: \"from_entries([['k', 1], ['k', 2]])\" }")).singleElement().asString()
                .contains("fails for every record").contains("repeats the key \"k\"");
    }

    @Test
    void aNamespaceOrAnUnparenthesisedElseBranchIsExplained() {
        assertThat(errors("a: { expr: \"ok ? name : upper(name)\" }")).singleElement().asString()
                .contains("put the call in parentheses: name : (upper(…))");
        assertThat(errors("a: { expr: \"ok ? x:upper(name) : 2\" }")).singleElement().asString()
                .contains("'x:upper(…)' calls a namespace");
        // parenthesised, it is fine
        PlanLoader.parse(plan("a: { expr: \"ok ? name : (upper(name))\" }"), "t.yaml");
    }

    @Test
    void eachAndConvertOptions() {
        assertThat(errors("a: { each: tags, fields: { x: { from: value } }, element: { from: value } }"))
                .singleElement().asString().contains("each takes fields: { … } (an object per element) or element:"
                        + " { rule } (one value per element), not both");
        assertThat(errors("a: { each: tags, filter: \"size(value) >\", element: { from: value } }"))
                .singleElement().asString().contains("targets[0].fields.a.filter: bad expression");
        assertThat(errors("a: { from: d, convert: { to: int, pattern: 'yyyy' } }")).singleElement().asString()
                .contains("only a conversion to date (text read with it) or to string");
        assertThat(errors("a: { from: d, convert: { to: date, pattern: 'yyyy-bb' } }")).singleElement().asString()
                .contains("convert.pattern: 'yyyy-bb' is not a date pattern");
        assertThat(errors("a: { from: d, convert: { to: date, zone: 'Nowhere/City' } }")).singleElement().asString()
                .contains("'Nowhere/City' is not a time zone");
        assertThat(errors("a: { from: d, convert: { to: dat } }")).singleElement().asString()
                .contains("unknown convert type 'dat' (did you mean 'date'?)");
    }

    @Test
    void aBlockScalarPlacesTheErrorOnItsOwnLine() {
        List<String> found = errors("a:", "  expr: |", "    concat(first,", "      lowr(last))");
        assertThat(found).singleElement().asString().startsWith("t.yaml:10:13: targets[0].fields.a: bad expression");
    }
}
