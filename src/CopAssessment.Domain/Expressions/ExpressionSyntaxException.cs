namespace CopAssessment.Domain.Expressions;

/// <summary>A syntax error: the 0-based character offset and what the parser expected there.</summary>
public sealed record ExpressionError(int Position, string Expected, string Found)
{
    public string Message => $"Expected {Expected} at position {Position}, found {Found}.";

    public override string ToString() => Message;
}

public sealed class ExpressionSyntaxException(int position, string expected, string found)
    : Exception(new ExpressionError(position, expected, found).Message)
{
    public ExpressionError Error { get; } = new(position, expected, found);
    public int Position => Error.Position;
    public string Expected => Error.Expected;
}
