package dev.ferry.expr;

import java.util.List;
import org.apache.commons.jexl3.JexlContext;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlExpression;

/**
 * A compiled plan expression. Evaluating it either gives a value or throws {@link ExpressionFailed} with a reason a
 * person can act on: the call, the argument as written, its value ("upper(name): name = 42 (a number) should be
 * text"). Immutable and safe to share between threads.
 */
public final class SandboxedExpression {
    private final String source;
    private final JexlExpression compiled;
    private final List<CallSite> calls;

    SandboxedExpression(String source, JexlExpression compiled, List<CallSite> calls) {
        this.source = source;
        this.compiled = compiled;
        this.calls = calls;
    }

    /** The expression as the plan wrote it. */
    public String source() {
        return source;
    }

    public Object evaluate(JexlContext context) {
        try {
            return Args.plain(compiled.evaluate(context)); // [1, 2] is a Java array to JEXL; stored, it is a list
        } catch (JexlException e) {
            ArgumentRefused refused = cause(e, ArgumentRefused.class);
            if (refused != null) {
                throw new ExpressionFailed(describe(refused));
            }
            ExpressionFailed inner = cause(e, ExpressionFailed.class);
            if (inner != null) {
                throw inner;
            }
            ArithmeticException arithmetic = cause(e, ArithmeticException.class);
            String detail = arithmetic == null || arithmetic.getMessage() == null ? "" : ": " + arithmetic.getMessage();
            throw new ExpressionFailed(withoutPosition(ExpressionSandbox.explain(e)) + detail);
        }
    }

    /** Whether the expression reads this variable (a field, or {@code value} inside each). */
    public boolean reads(String name) {
        return compiled instanceof org.apache.commons.jexl3.JexlScript script
                && script.getVariables().stream().anyMatch(path -> !path.isEmpty() && path.get(0).equals(name));
    }

    boolean readsNoField() {
        return ExpressionSandbox.readsNoField(compiled);
    }

    /** "substring(code, 1): code = 42 (a number) should be text", naming the argument as written when it can. */
    private String describe(ArgumentRefused refused) {
        List<CallSite> sites = calls.stream().filter(c -> c.function().equals(refused.function())).toList();
        String value = ValueText.describe(refused.value());
        if (sites.size() == 1 && refused.index() < sites.get(0).arguments().size()) {
            CallSite site = sites.get(0);
            String argument = site.arguments().get(refused.index());
            String shown = argument.equals(String.valueOf(refused.value())) || argument.startsWith("'")
                    ? value : argument + " = " + value;
            return site.written() + ": " + shown + " " + refused.reason();
        }
        return refused.function() + "(…): argument " + (refused.index() + 1) + " = " + value + " " + refused.reason();
    }

    /** Positions refer to the routed text, which the plan author never wrote; the expression is quoted anyway. */
    private static String withoutPosition(String explained) {
        return explained.replaceFirst("^@\\d+:\\d+\\s*", "");
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
