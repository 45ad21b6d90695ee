using CopAssessment.Domain.Answers;
using CopAssessment.Domain.Questionnaires;
using CopAssessment.Domain.Tests.Support;

namespace CopAssessment.Domain.Tests.Answers;

public class ConstraintCheckerTests
{
    private static readonly QuestionnaireDefinition Definition = Definitions.WithQuestions("""
        [
          { "key": "ypn", "type": "yesPartialNo", "text": { "en": "ypn" } },
          { "key": "multi", "type": "multipleChoice", "text": { "en": "multi" },
            "options": [ { "key": "x", "label": { "en": "X" }, "score": 1 }, { "key": "na", "label": { "en": "N/A" }, "notApplicable": true } ] },
          { "key": "staff", "type": "number", "text": { "en": "staff" },
            "constraint": { "min": 0, "max": 500, "message": { "en": "Between 0 and 500.", "fr": "Entre 0 et 500." } } },
          { "key": "budget", "type": "number", "text": { "en": "budget" }, "constraint": { "min": 1 } },
          { "key": "trained", "type": "number", "text": { "en": "trained" },
            "constraint": { "expression": "staff == null or value <= staff" } },
          { "key": "code", "type": "text", "text": { "en": "code" }, "constraint": { "maxLength": 6, "pattern": "[A-Z]{2}-[0-9]+" } },
          { "key": "since", "type": "date", "text": { "en": "since" } },
          { "key": "site", "type": "url", "text": { "en": "site" } }
        ]
        """);

    private static Question Q(string key) => Definition.FindQuestion(key)!;

    private static string? Check(string key, AnswerValue value, string culture = "en", Dictionary<string, AnswerValue>? others = null) =>
        ConstraintChecker.Check(Q(key), value, culture, others);

    [Fact]
    public void Valid_answers_pass()
    {
        Assert.Null(Check("ypn", AnswerValue.Option("partial")));
        Assert.Null(Check("multi", AnswerValue.Options("x")));
        Assert.Null(Check("staff", AnswerValue.Number(500)));
        Assert.Null(Check("code", AnswerValue.Text("AB-12")));
        Assert.Null(Check("since", AnswerValue.Date(new DateOnly(2020, 2, 29))));
        Assert.Null(Check("site", AnswerValue.Text("https://example.org/path")));
        Assert.Null(Check("ypn", AnswerValue.None));
    }

    [Fact]
    public void Unknown_option_key_is_refused()
    {
        Assert.Equal("Choose one of the listed options.", Check("ypn", AnswerValue.Option("maybe")));
        Assert.NotNull(Check("multi", AnswerValue.Options("x", "y")));
    }

    [Fact]
    public void Number_outside_the_range_gets_the_definitions_message_in_the_users_language()
    {
        Assert.Equal("Between 0 and 500.", Check("staff", AnswerValue.Number(501)));
        Assert.Equal("Entre 0 et 500.", Check("staff", AnswerValue.Number(-1), "fr-FR"));
        Assert.Equal("Between 0 and 500.", Check("staff", AnswerValue.Number(-1), "ar"));
    }

    [Fact]
    public void Number_below_min_without_a_message_gets_the_built_in_one()
    {
        Assert.Equal("Enter a number of at least 1.", Check("budget", AnswerValue.Number(0)));
        Assert.Equal("Saisissez un nombre supérieur ou égal à 1.", Check("budget", AnswerValue.Number(0), "fr"));
    }

    [Fact]
    public void Constraint_expression_can_read_other_answers()
    {
        var others = new Dictionary<string, AnswerValue> { ["staff"] = AnswerValue.Number(10) };
        Assert.Null(Check("trained", AnswerValue.Number(10), others: others));
        Assert.Equal("The answer is not valid.", Check("trained", AnswerValue.Number(11), others: others));
        Assert.Null(Check("trained", AnswerValue.Number(11)));
    }

    [Fact]
    public void Text_longer_than_max_length_is_refused() =>
        Assert.Equal("Use at most 6 characters.", Check("code", AnswerValue.Text("AB-1234")));

    [Fact]
    public void Pattern_must_match_the_whole_answer() =>
        Assert.Equal("The answer does not have the expected format.", Check("code", AnswerValue.Text("xAB-1")));

    [Theory]
    [InlineData("ftp://example.org")]
    [InlineData("javascript:alert(1)")]
    [InlineData("example.org")]
    [InlineData("https://")]
    public void Url_must_be_absolute_http_or_https(string url) =>
        Assert.Equal("Enter a web address starting with http:// or https://.", Check("site", AnswerValue.Text(url)));

    [Fact]
    public void Wrong_kind_of_answer_is_refused()
    {
        Assert.Equal("Enter a number.", Check("staff", AnswerValue.Text("ten")));
        Assert.Equal("Enter a date as YYYY-MM-DD.", Check("since", AnswerValue.Number(2020)));
    }

    [Fact]
    public void Not_applicable_is_only_accepted_where_the_question_offers_it()
    {
        Assert.Null(Check("multi", AnswerValue.NotApplicable));
        Assert.NotNull(Check("ypn", AnswerValue.NotApplicable));
    }

    [Fact]
    public void Form_input_is_parsed_and_checked()
    {
        Assert.Equal(AnswerValue.Number(12.5m), ConstraintChecker.Parse(Q("staff"), ["12.5"], "en").Value);
        Assert.Equal("Enter a number.", ConstraintChecker.Parse(Q("staff"), ["twelve"], "en").Error);
        Assert.Equal("Enter a date as YYYY-MM-DD.", ConstraintChecker.Parse(Q("since"), ["31/01/2020"], "en").Error);
        Assert.Equal(AnswerValue.Date(new DateOnly(2020, 1, 31)), ConstraintChecker.Parse(Q("since"), ["2020-01-31"], "en").Value);
        Assert.Equal(AnswerValue.Options("x"), ConstraintChecker.Parse(Q("multi"), ["x", ""], "en").Value);
        Assert.True(ConstraintChecker.Parse(Q("ypn"), [" "], "en") is { IsValid: true, Value.IsAnswered: false });
        Assert.Equal("Between 0 and 500.", ConstraintChecker.Parse(Q("staff"), ["900"], "en").Error);
    }

    [Theory]
    [InlineData("fr", "Choisissez l'une des options proposées.")]
    [InlineData("es", "Elija una de las opciones indicadas.")]
    [InlineData("ar", "اختر أحد الخيارات المدرجة.")]
    [InlineData("ru", "Выберите один из предложенных вариантов.")]
    [InlineData("zh-Hans", "请从所列选项中选择一项。")]
    [InlineData("de", "Choose one of the listed options.")]
    public void Built_in_messages_come_in_the_six_un_languages(string culture, string expected) =>
        Assert.Equal(expected, Check("ypn", AnswerValue.Option("maybe"), culture));
}
