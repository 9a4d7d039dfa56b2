package dev.ferry.expr;

/** What lint finds wrong in an expression, at its line and column within the expression's text (from 1). */
public record ExpressionProblem(int line, int column, String message) {
}
