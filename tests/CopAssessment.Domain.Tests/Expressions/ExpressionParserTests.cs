using CopAssessment.Domain.Expressions;

namespace CopAssessment.Domain.Tests.Expressions;

public class ExpressionParserTests
{
    [Theory]
    [InlineData("pl.body == 'yes'")]
    [InlineData("pl.body in ('yes', 'partial')")]
    [InlineData("'hotline' in pl.channels")]
    [InlineData("answered(pg.1.2) and not (x != null)")]
    [InlineData("a == 'x' or b == 'y' and c == 'z'")]
    [InlineData("value >= 0 and value <= -(n.total * 2 + 1) / 3")]
    [InlineData("d.start < '2020-01-01'")]
    [InlineData("true")]
    [InlineData("  not   not false  ")]
    [InlineData("name == 'it''s'")]
    [InlineData("_x.y_z.3 == 1.5")]
    public void Valid_condition_parses(string text) => Assert.True(ExpressionParser.TryParseCondition(text, out _, out var error), error?.Message);

    [Theory]
    [InlineData("", 0, "a question key")]
    [InlineData("a ==", 4, "a question key")]
    [InlineData("a = 'x'", 2, "'=='")]
    [InlineData("a == 'x", 7, "closing quote")]
    [InlineData("(a == 1", 7, "')'")]
    [InlineData("a == 1)", 6, "end of the expression")]
    [InlineData("a in ('x' 'y')", 10, "',' or ')'")]
    [InlineData("a == 1 and", 10, "a question key")]
    [InlineData("a == 1 & b", 7, "an operand or operator")]
    [InlineData("a ! b", 2, "'!='")]
    [InlineData("count(a) > 1", 0, "a known function")]
    [InlineData("answered('a')", 9, "a question key or 'value'")]
    [InlineData("a == \"x\"", 5, "single-quoted")]
    [InlineData("a < b < c", 6, "end of the expression")]
    [InlineData("12abc == 1", 2, "end of the number")]
    public void Invalid_expression_reports_position_and_what_was_expected(string text, int position, string expected)
    {
        Assert.False(ExpressionParser.TryParse(text, out _, out var error));
        Assert.Equal(position, error.Position);
        Assert.Contains(expected, error.Message);
        var exception = Assert.Throws<ExpressionSyntaxException>(() => ExpressionParser.Parse(text));
        Assert.Equal(position, exception.Position);
    }

    [Theory]
    [InlineData("a", 0)]
    [InlineData("a + 1", 2)]
    [InlineData("a == 1 and b", 11)]
    [InlineData("not 'x'", 4)]
    public void Non_condition_is_refused_where_a_condition_is_needed(string text, int position)
    {
        Assert.True(ExpressionParser.TryParse(text, out _, out _));
        Assert.False(ExpressionParser.TryParseCondition(text, out _, out var error));
        Assert.Equal(position, error.Position);
        Assert.Contains("a condition", error.Expected);
    }

    [Fact]
    public void And_binds_tighter_than_or()
    {
        var tree = ExpressionParser.Parse("a == 1 or b == 2 and c == 3");
        var or = Assert.IsType<Binary>(tree);
        Assert.Equal(BinaryOperator.Or, or.Operator);
        Assert.Equal(BinaryOperator.And, Assert.IsType<Binary>(or.Right).Operator);
    }

    [Fact]
    public void Multiplication_binds_tighter_than_addition()
    {
        var tree = Assert.IsType<Binary>(ExpressionParser.Parse("1 + 2 * 3"));
        Assert.Equal(BinaryOperator.Add, tree.Operator);
        Assert.Equal(BinaryOperator.Multiply, Assert.IsType<Binary>(tree.Right).Operator);
    }

    [Fact]
    public void Referenced_keys_lists_every_question_once()
    {
        var tree = ExpressionParser.Parse("a.b in ('x') and (answered(c) or a.b == d * 2) and value > 1");
        Assert.Equal(new HashSet<string> { "a.b", "c", "d" }, tree.ReferencedKeys());
    }

    [Fact]
    public void Dotted_keys_with_digits_are_single_keys()
    {
        var tree = Assert.IsType<Binary>(ExpressionParser.Parse("pg.1.2 == 3"));
        Assert.Equal("pg.1.2", Assert.IsType<KeyReference>(tree.Left).Key);
    }

    [Fact]
    public void Doubled_quote_is_a_quote_inside_text()
    {
        var tree = Assert.IsType<Binary>(ExpressionParser.Parse("a == 'it''s'"));
        Assert.Equal("it's", Assert.IsType<Literal>(tree.Right).StringValue);
    }
}
