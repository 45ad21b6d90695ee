using CopAssessment.Domain.Expressions;

namespace CopAssessment.Domain.Tests.Expressions;

public class ExpressionEvaluationTests
{
    private static readonly Dictionary<string, AnswerValue> Answers = new()
    {
        ["yn"] = AnswerValue.Option("partial"),
        ["multi"] = AnswerValue.Options("hotline", "school"),
        ["count"] = AnswerValue.Number(12),
        ["name"] = AnswerValue.Text("Agency"),
        ["since"] = AnswerValue.Date(new DateOnly(2019, 5, 1)),
        ["na"] = AnswerValue.NotApplicable,
    };

    private static bool Eval(string text, AnswerValue? self = null) => ExpressionParser.Parse(text).IsTrue(Answers, self);

    [Theory]
    [InlineData("yn == 'partial'", true)]
    [InlineData("yn != 'yes'", true)]
    [InlineData("yn in ('yes', 'partial')", true)]
    [InlineData("yn in ('yes', 'no')", false)]
    [InlineData("multi in ('hotline', 'police')", true)]
    [InlineData("multi in ('police')", false)]
    [InlineData("'school' in multi", true)]
    [InlineData("'police' in multi", false)]
    [InlineData("count > 10 and count <= 12", true)]
    [InlineData("count * 2 - 4 == 20", true)]
    [InlineData("count / 0 == 1", false)]
    [InlineData("-count < 0", true)]
    [InlineData("name == 'Agency'", true)]
    [InlineData("name < 'B'", true)]
    [InlineData("since >= '2019-01-01' and since < '2020-01-01'", true)]
    [InlineData("answered(count) and answered(na)", true)]
    [InlineData("answered(missing)", false)]
    [InlineData("not answered(missing)", true)]
    [InlineData("count == '12'", false)]
    [InlineData("count != '12'", true)]
    [InlineData("true and not false", true)]
    [InlineData("yn == 'no' or count == 12", true)]
    public void Condition_evaluates_as_documented(string text, bool expected) => Assert.Equal(expected, Eval(text));

    [Theory]
    [InlineData("missing == 'yes'", false)]
    [InlineData("missing != 'yes'", false)]
    [InlineData("missing < 3", false)]
    [InlineData("missing >= 3", false)]
    [InlineData("missing in ('yes')", false)]
    [InlineData("'x' in missing", false)]
    [InlineData("missing == null", true)]
    [InlineData("missing != null", false)]
    [InlineData("null == missing", true)]
    [InlineData("count == null", false)]
    [InlineData("count != null", true)]
    [InlineData("missing + 1 == 1", false)]
    [InlineData("not (missing == 'yes')", true)]
    public void Unanswered_compares_as_null(string text, bool expected) => Assert.Equal(expected, Eval(text));

    [Fact]
    public void Not_applicable_answer_reads_as_null_but_counts_as_answered()
    {
        Assert.True(Eval("na == null"));
        Assert.True(Eval("answered(na)"));
    }

    [Fact]
    public void Value_is_the_answer_being_checked()
    {
        Assert.True(Eval("value <= count", AnswerValue.Number(5)));
        Assert.False(Eval("value <= count", AnswerValue.Number(13)));
        Assert.False(Eval("answered(value)"));
    }
}
