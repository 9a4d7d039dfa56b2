package dev.ferry.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlExpression;
import org.apache.commons.jexl3.JexlFeatures;
import org.apache.commons.jexl3.JexlScript;
import org.apache.commons.jexl3.MapContext;
import org.apache.commons.jexl3.introspection.JexlPermissions;
import org.apache.commons.jexl3.introspection.JexlSandbox;
import org.apache.commons.jexl3.introspection.JexlUberspect;

/**
 * The one JEXL engine that plan expressions ({@code expr}, {@code when}, {@code filter} conditions) run in. A plan
 * is data, not code: the grammar has no {@code new}, method calls, loops, assignments, lambdas, pragmas or
 * annotations; introspection may only read maps and lists; the only calls are the library's functions
 * ({@link FunctionCatalog}), each by name. The loader checks every expression with {@link #problems}, so what lint
 * accepts compiles.
 */
public final class ExpressionSandbox {
    /** The namespace every library call is routed to, so a record's field never shadows a function's name. */
    static final String NAMESPACE = "ferry";

    private static final JexlEngine ENGINE = new JexlBuilder()
            .features(features(false))
            .permissions(new JexlPermissions.ClassPermissions(FunctionLibrary.class))
            .sandbox(sandbox())
            .namespaces(Map.of(NAMESPACE, FunctionLibrary.INSTANCE))
            // Strict, so a refused or unknown property is an error rather than a quiet null; a field missing from a
            // record still reads as null (the context knows every name) and null arithmetic is lenient.
            .strict(true)
            .arithmetic(new DecimalArithmetic())
            .silent(false)
            .safe(true)
            .antish(false)
            // "a.b" reads key b of document a, never a getter such as getClass() or isEmpty()
            .strategy(JexlUberspect.MAP_STRATEGY)
            .cache(512)
            .create();

    private ExpressionSandbox() {
    }

    /** Compiles an expression; throws {@link ExpressionRefused} with every problem lint would report. */
    public static SandboxedExpression compile(String expression) {
        ExpressionCheck.Result checked = ExpressionCheck.analyse(expression);
        if (!checked.problems().isEmpty()) {
            throw new ExpressionRefused(checked.problems());
        }
        try {
            return new SandboxedExpression(expression, ENGINE.createExpression(checked.routed()), checked.calls());
        } catch (JexlException e) {
            throw new ExpressionRefused(List.of(new ExpressionProblem(line(e), column(e), explain(e))));
        }
    }

    /**
     * Everything lint reports about an expression: syntax, refused constructs, unknown functions and arities,
     * literal arguments a function cannot take, and — for an expression that reads no field — its failure, since it
     * would fail on every record. A {@code condition} must also give true or false.
     */
    public static List<ExpressionProblem> problems(String expression, boolean condition) {
        SandboxedExpression compiled;
        try {
            compiled = compile(expression);
        } catch (ExpressionRefused e) {
            return e.problems();
        }
        List<ExpressionProblem> found = new ArrayList<>();
        if (compiled.readsNoField()) {
            try {
                Object value = compiled.evaluate(new MapContext());
                if (condition && value != null && !(value instanceof Boolean)) {
                    found.add(new ExpressionProblem(1, 1, "gives " + ValueText.describe(value)
                            + " for every record, not true or false"));
                }
            } catch (ExpressionFailed e) {
                found.add(new ExpressionProblem(1, 1, "fails for every record: " + e.getMessage()));
            }
        }
        return found;
    }

    static JexlFeatures features(boolean methodCalls) {
        return new JexlFeatures()
                .script(false)
                .localVar(false)
                .sideEffect(false)
                .sideEffectGlobal(false)
                .newInstance(false)
                .loops(false)
                .lambda(false)
                .fatArrow(false)
                .methodCall(methodCalls) // read by lint, to say which function to use instead; never compiled
                .pragma(false)
                .pragmaAnywhere(false)
                .importPragma(false)
                .namespacePragma(false)
                .annotation(false)
                .register(false);
    }

    /** A one-line reason, without JEXL's internal class names. */
    public static String explain(JexlException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // JEXL prefixes "org.apache…Class.method:@1:5 "; keep the part a plan author can act on.
        int at = message.indexOf("@");
        String text = (at >= 0 ? message.substring(at) : message).replace('\n', ' ')
                .replace(NAMESPACE + ":", "").strip();
        if (e instanceof JexlException.Feature) {
            return text + " (not allowed in plan expressions: no method calls, new, loops, assignments, lambdas, "
                    + "pragmas or annotations)";
        }
        if (e instanceof JexlException.Property) {
            return text + " (only fields of documents and elements of arrays can be read)";
        }
        return text;
    }

    static boolean readsNoField(JexlExpression expression) {
        return expression instanceof JexlScript script && script.getVariables().isEmpty();
    }

    private static int line(JexlException e) {
        return e.getInfo() == null ? 1 : Math.max(1, e.getInfo().getLine());
    }

    private static int column(JexlException e) {
        return e.getInfo() == null ? 1 : Math.max(1, e.getInfo().getColumn());
    }

    private static JexlSandbox sandbox() {
        // Allow-list: nothing is reachable unless named here; sub-classes (e.g. org.bson.Document) inherit.
        JexlSandbox sandbox = new JexlSandbox(false, true);
        // Only maps (documents) and lists can be read into; plain values are only compared and computed with.
        sandbox.permissions("java.util.Map", true, false, false);
        sandbox.permissions("java.util.List", true, false, false);
        // The library's functions by name: nothing it inherits (getClass, wait, …) can be called.
        sandbox.allow(FunctionLibrary.class.getName())
                .execute(FunctionCatalog.LIBRARY.stream().map(FunctionSpec::name).toArray(String[]::new));
        return sandbox;
    }
}
