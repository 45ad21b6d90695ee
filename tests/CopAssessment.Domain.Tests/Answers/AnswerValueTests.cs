namespace CopAssessment.Domain.Tests.Answers;

public class AnswerValueTests
{
    public static TheoryData<AnswerValue> Values => new()
    {
        AnswerValue.Option("yes"),
        AnswerValue.Options("b", "a"),
        AnswerValue.Number(-12.75m),
        AnswerValue.Text("Ministère de l'Intérieur"),
        AnswerValue.Date(new DateOnly(2024, 2, 29)),
        AnswerValue.NotApplicable,
        AnswerValue.None,
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Answer_round_trips_through_json(AnswerValue value) =>
        Assert.Equal(value, JsonSerializer.Deserialize<AnswerValue>(JsonSerializer.Serialize(value)));

    [Fact]
    public void Answer_json_is_small_and_readable()
    {
        Assert.Equal("""{"options":["a","b"]}""", JsonSerializer.Serialize(AnswerValue.Options("b", "a")));
        Assert.Equal("""{"notApplicable":true}""", JsonSerializer.Serialize(AnswerValue.NotApplicable));
    }

    [Fact]
    public void Empty_selection_and_blank_text_are_no_answer()
    {
        Assert.False(AnswerValue.Options().IsAnswered);
        Assert.False(AnswerValue.Text("  ").IsAnswered);
        Assert.True(AnswerValue.NotApplicable.IsAnswered);
    }

    [Fact]
    public void Option_sets_compare_regardless_of_order() =>
        Assert.Equal(AnswerValue.Options("a", "b"), AnswerValue.Options("b", "a"));
}
