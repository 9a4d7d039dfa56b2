package dev.ferry.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.apache.commons.jexl3.JexlContext;
import org.bson.Document;

/** Evaluates expressions over a record as the run does (every name known, missing fields null). */
final class Expressions {

    private Expressions() {
    }

    static Object eval(String expression, Document record) {
        return ExpressionSandbox.compile(expression).evaluate(new Record(record));
    }

    static Object eval(String expression) {
        return eval(expression, new Document());
    }

    /** The failure's message, asserting that the expression fails. */
    static String failure(String expression, Document record) {
        ExpressionFailed e = catchThrowableOfType(ExpressionFailed.class, () -> eval(expression, record));
        assertThat(e).as("expected '%s' to fail", expression).isNotNull();
        return e.getMessage();
    }

    private record Record(Map<String, Object> fields) implements JexlContext {
        @Override
        public Object get(String name) {
            return fields.get(name);
        }

        @Override
        public void set(String name, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean has(String name) {
            return true;
        }
    }
}
