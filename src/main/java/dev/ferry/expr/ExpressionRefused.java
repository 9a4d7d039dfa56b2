package dev.ferry.expr;

import java.util.List;

/** An expression that cannot be compiled (syntax, a refused construct, an unknown function, …), with every problem. */
public final class ExpressionRefused extends RuntimeException {
    private final transient List<ExpressionProblem> problems;

    ExpressionRefused(List<ExpressionProblem> problems) {
        super(problems.get(0).message(), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<ExpressionProblem> problems() {
        return problems;
    }
}
