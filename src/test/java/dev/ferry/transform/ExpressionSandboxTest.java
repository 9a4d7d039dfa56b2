package dev.ferry.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.expr.ExpressionRefused;
import dev.ferry.expr.ExpressionSandbox;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ExpressionSandboxTest {

    private static Object eval(String expression, Document source) {
        return new ExpressionTransform(expression).apply(MappingScope.root("t", "k", source, new java.util.ArrayList<>()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "''.getClass()",
        "new('java.io.File','/etc/passwd')",
        "java.lang.System.exit(0)",
        "x = 1",
        "for (var i : [1,2]) { i }",
        "while (true) { 1 }",
        "Class.forName('java.lang.Runtime')",
        "var y = 2",
        "(x) -> x",
        "#pragma jexl.import java.lang\n1",
        "@silent 1",
        "x += 1",
        "x++",
    })
    void refusesCodeAtCompileTime(String expression) {
        assertThatThrownBy(() -> ExpressionSandbox.compile(expression)).isInstanceOf(ExpressionRefused.class);
    }

    @Test
    void propertyAccessDoesNotReachGettersOrClasses() {
        Document source = new Document("s", "text").append("doc", new Document("a", 1));
        // With map-first resolution "doc.class" is the (missing) key "class", never getClass().
        assertThat(eval("doc.class", source)).isNull();
        assertThat(eval("doc.empty", source)).isNull();
        assertThat(eval("doc.missing.deeper", source)).isNull();
        assertThatThrownBy(() -> eval("s.class", source)).isInstanceOf(TransformException.class);
        assertThatThrownBy(() -> eval("s.bytes", source)).isInstanceOf(TransformException.class);
    }

    @Test
    void computesSizesBooleansArithmeticAndNestedReads() {
        Document source = new Document("h", new java.util.ArrayList<>(List.of(1, 2, 3))).append("e", List.of())
                .append("n", 4).append("pii", new Document("risk", "high"));
        assertThat(eval("size(h)", source)).isEqualTo(3);
        assertThat(eval("!empty(h)", source)).isEqualTo(true);
        assertThat(eval("!empty(e)", source)).isEqualTo(false);
        assertThat(eval("n * 2 + 1", source)).isEqualTo(9);
        assertThat(eval("pii.risk == 'high'", source)).isEqualTo(true);
        assertThat(eval("h[1]", source)).isEqualTo(2);
        assertThat(eval("size(missing)", source)).isEqualTo(0);
        assertThat(eval("empty(missing)", source)).isEqualTo(true);
    }
}
