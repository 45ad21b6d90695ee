using CopAssessment.Domain.Questionnaires;

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
          { "key": "site", "type": "url", "text": { "en": "site" } },
          { "key": "victims", "type": "number", "integer": true, "text": { "en": "victims" }, "constraint": { "min": 0 } },
          { "key": "name", "type": "text", "text": { "en": "name" } },
          { "key": "story", "type": "longText", "text": { "en": "story" } },
          { "key": "summary", "type": "longText", "text": { "en": "summary" },
            "constraint": { "maxLength": 3000, "message": { "en": "At most 3000 characters." } } }
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
    [InlineData("12.5")]
    [InlineData("0.1")]
    [InlineData("-3.75")]
    public void A_count_refuses_a_fraction_with_its_own_message(string raw) =>
        Assert.Equal("Enter a whole number (no decimals).", ConstraintChecker.Parse(Q("victims"), [raw], "en").Error);

    [Theory]
    [InlineData("12", "en", null)]
    [InlineData("12.0", "en", null)]
    [InlineData("12.5", "fr", "Saisissez un nombre entier (sans décimales).")]
    [InlineData("12.5", "ar", "أدخل عددًا صحيحًا (بدون كسور عشرية).")]
    public void A_count_takes_whole_numbers_and_says_so_in_the_users_language(string raw, string culture, string? expected) =>
        Assert.Equal(expected, ConstraintChecker.Parse(Q("victims"), [raw], culture).Error);

    [Fact]
    public void A_number_without_the_integer_flag_keeps_its_fraction() =>
        Assert.True(ConstraintChecker.Parse(Q("staff"), ["12.5"], "en") is { IsValid: true });

    [Fact]
    public void Free_text_has_a_built_in_maximum_length_per_type()
    {
        Assert.Null(Check("name", AnswerValue.Text(new string('a', AnswerLimits.ShortText))));
        Assert.Equal("Use at most 1000 characters.", Check("name", AnswerValue.Text(new string('a', AnswerLimits.ShortText + 1))));
        Assert.Null(Check("story", AnswerValue.Text(new string('a', AnswerLimits.LongText))));
        Assert.Equal("Use at most 10000 characters.", Check("story", AnswerValue.Text(new string('a', AnswerLimits.LongText + 1))));
        Assert.Equal("Utilisez au plus 10000 caractères.", Check("story", AnswerValue.Text(new string('a', 1_000_000)), "fr"));
        Assert.Equal("Use at most 2000 characters.", Check("site", AnswerValue.Text("https://example.org/" + new string('a', AnswerLimits.Url))));
    }

    [Fact]
    public void Line_breaks_are_stored_alike_from_a_form_post_and_from_script_and_count_as_one_character()
    {
        Assert.Equal(AnswerValue.Text("one\ntwo"), ConstraintChecker.Parse(Q("story"), ["one\r\ntwo"], "en").Value);
        Assert.Equal(AnswerValue.Text("one\ntwo"), ConstraintChecker.Parse(Q("story"), ["one\ntwo"], "en").Value);
        var lines = string.Join("\r\n", Enumerable.Repeat(new string('a', 99), 100));
        Assert.Equal(9_999, lines.ReplaceLineEndings("\n").Length);
        Assert.True(ConstraintChecker.Parse(Q("story"), [lines], "en").IsValid);
    }

    [Fact]
    public void A_smaller_max_length_of_the_definition_wins_and_keeps_its_message()
    {
        Assert.Equal(3000, AnswerLimits.MaxLength(Q("summary")));
        Assert.Equal(AnswerLimits.LongText, AnswerLimits.MaxLength(Q("story")));
        Assert.Null(AnswerLimits.MaxLength(Q("staff")));
        Assert.Equal("At most 3000 characters.", Check("summary", AnswerValue.Text(new string('a', 3001))));
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
