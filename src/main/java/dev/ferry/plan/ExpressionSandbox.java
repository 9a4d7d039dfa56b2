package dev.ferry.plan;

import org.apache.commons.jexl3.JexlArithmetic;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlExpression;
import org.apache.commons.jexl3.JexlFeatures;
import org.apache.commons.jexl3.introspection.JexlPermissions;
import org.apache.commons.jexl3.introspection.JexlSandbox;
import org.apache.commons.jexl3.introspection.JexlUberspect;

/**
 * The one JEXL engine that plan expressions ({@code expr}, {@code when}) run in. A plan is data, not code:
 * the grammar has no {@code new}, method calls, loops, assignments, lambdas, pragmas or annotations, and
 * introspection may only read maps, lists and plain values. The loader compiles every expression with it, so
 * a refused construct fails the plan before anything runs.
 */
public final class ExpressionSandbox {

    private static final JexlEngine ENGINE = new JexlBuilder()
            .features(features())
            .permissions(JexlPermissions.RESTRICTED)
            .sandbox(sandbox())
            // Strict, so a refused or unknown property is an error rather than a quiet null; a field missing from a
            // record still reads as null (the context knows every name) and null arithmetic is lenient.
            .strict(true)
            .arithmetic(new JexlArithmetic(false))
            .silent(false)
            .safe(true)
            .antish(false)
            // "a.b" reads key b of document a, never a getter such as getClass() or isEmpty()
            .strategy(JexlUberspect.MAP_STRATEGY)
            .cache(512)
            .create();

    private ExpressionSandbox() {
    }

    /** Compiles an expression; throws {@link JexlException} for a syntax error or a refused construct. */
    public static JexlExpression compile(String expression) {
        return ENGINE.createExpression(expression);
    }

    /** A one-line reason, without JEXL's internal class names. */
    public static String explain(JexlException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // JEXL prefixes "org.apache…Class.method:@1:5 "; keep the part a plan author can act on.
        int at = message.indexOf("@");
        String text = (at >= 0 ? message.substring(at) : message).replace('\n', ' ').strip();
        if (e instanceof JexlException.Feature) {
            return text + " (not allowed in plan expressions: no method calls, new, loops, assignments, lambdas, "
                    + "pragmas or annotations)";
        }
        if (e instanceof JexlException.Property) {
            return text + " (only fields of documents and elements of arrays can be read)";
        }
        return text;
    }

    private static JexlFeatures features() {
        return new JexlFeatures()
                .script(false)
                .localVar(false)
                .sideEffect(false)
                .sideEffectGlobal(false)
                .newInstance(false)
                .loops(false)
                .lambda(false)
                .fatArrow(false)
                .methodCall(false)
                .pragma(false)
                .pragmaAnywhere(false)
                .importPragma(false)
                .namespacePragma(false)
                .annotation(false)
                .register(false);
    }

    private static JexlSandbox sandbox() {
        // Allow-list: nothing is reachable unless named here; sub-classes (e.g. org.bson.Document) inherit.
        JexlSandbox sandbox = new JexlSandbox(false, true);
        // Only maps (documents) and lists can be read into; plain values are only compared and computed with.
        sandbox.permissions("java.util.Map", true, false, false);
        sandbox.permissions("java.util.List", true, false, false);
        return sandbox;
    }
}
