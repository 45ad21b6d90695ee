using CopAssessment.Domain.Questionnaires;

namespace CopAssessment.Domain.Tests.Questionnaires;

/// <summary>The real MNR definition shipped in samples/. Deliberately fails (no skip) while the file is missing.</summary>
public class MnrQuestionnaireTests
{
    private static readonly string MnrPath = RepositoryFiles.PathOf("samples/questionnaires/mnr.json");

    [Fact]
    public void Mnr_definition_validates_without_problems()
    {
        Assert.True(File.Exists(MnrPath), $"{MnrPath} is missing.");
        var problems = DefinitionValidator.Validate(File.ReadAllBytes(MnrPath));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Mnr_definition_has_the_model_national_response_shape()
    {
        Assert.True(File.Exists(MnrPath), $"{MnrPath} is missing.");
        var definition = QuestionnaireDefinition.Parse(File.ReadAllBytes(MnrPath));
        var scoredDomains = definition.Domains.Where(d => d.Scored).ToList();
        Assert.True(definition.Questions.Count >= 110, $"{definition.Questions.Count} questions");
        Assert.Equal(6, scoredDomains.Count);
        Assert.Equal(21, scoredDomains.SelectMany(d => d.Capabilities).Count(c => c.IsScored));
        Assert.Equal(4, definition.Stages.Count);
    }

    /// <summary>
    /// What a focal point types into each free-form question is accepted: the URL question once refused every
    /// address because its pattern was anchored at one end only (the demo seed dropped its answer silently).
    /// </summary>
    [Fact]
    public void Every_free_form_question_of_the_mnr_accepts_a_plausible_answer()
    {
        var definition = QuestionnaireDefinition.Parse(File.ReadAllBytes(MnrPath));
        var freeForm = definition.Questions.Where(q => !q.IsChoice).ToList();
        Assert.Equal([QuestionType.Number, QuestionType.Text, QuestionType.LongText, QuestionType.Date, QuestionType.Url],
            freeForm.Select(q => q.Type).Distinct().Order());
        foreach (var question in freeForm)
        {
            string raw = question.Type switch
            {
                QuestionType.Url => "https://www.itu.int/cop",
                QuestionType.Number => "12",
                QuestionType.Date => "2021-06-30",
                QuestionType.LongText => "Two ministries share the work.\nThe budget is reviewed yearly.",
                _ => "National Child Online Protection Office",
            };
            Assert.True(ConstraintChecker.Parse(question, [raw], "en").Error is null, $"{question.Key} ({question.Type}) refused '{raw}'");
        }
    }

    [Theory]
    [InlineData("cj.7.5")]
    [InlineData("vs.9.2")]
    public void Mnr_counts_take_whole_numbers_only(string key)
    {
        var question = QuestionnaireDefinition.Parse(File.ReadAllBytes(MnrPath)).FindQuestion(key)!;
        Assert.True(question.Integer);
        Assert.Equal("Enter a whole number (no decimals).", ConstraintChecker.Parse(question, ["12.5"], "en").Error);
    }
}

/// <summary>The MNR in the six languages: every text of the definition has its translation, none falls back to English.</summary>
public class MnrTranslationTests
{
    private static readonly string MnrPath = RepositoryFiles.PathOf("samples/questionnaires/mnr.json");

    [Fact]
    public void Mnr_definition_has_no_missing_translation_warning()
    {
        var loaded = DefinitionValidator.Load(File.ReadAllBytes(MnrPath));
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Problems));
        Assert.True(loaded.Warnings.Count == 0, string.Join("\n", loaded.Warnings.Take(20)));
    }

    /// <summary>Each UI culture the product uses for Spanish, Russian and Chinese finds a text of its own at every path.</summary>
    [Theory]
    [InlineData("es")]
    [InlineData("ru")]
    [InlineData("zh-Hans")]
    [InlineData("zh-CN")]
    [InlineData("fr")]
    [InlineData("ar")]
    public void Every_text_of_the_mnr_is_shown_in_the_readers_language(string culture)
    {
        var texts = Texts(System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(MnrPath))!, "$").ToList();
        Assert.True(texts.Count >= 570, $"{texts.Count} texts");
        var english = texts.Where(t => t.Text.Find(culture) is var shown && (shown.IsFallback || IsUntranslated(shown.Text, t.Text, culture)))
            .Select(t => t.Path).ToList();
        Assert.True(english.Count == 0, $"{english.Count} texts in English for {culture}: {string.Join(", ", english.Take(10))}");
    }

    [Fact]
    public void The_built_in_yes_partial_no_and_stage_options_of_the_mnr_are_in_chinese_too()
    {
        var definition = QuestionnaireDefinition.Parse(File.ReadAllBytes(MnrPath));
        var labels = definition.Questions.SelectMany(q => q.Options).Select(o => o.Label).ToList();
        Assert.All(labels, label => Assert.False(label.Find("zh-Hans").IsFallback, label.Get("en")));
    }

    /// <summary>Only a word spelt alike in both languages (Spanish "No") may equal the English text.</summary>
    private static bool IsUntranslated(string shown, LocalizedText text, string culture) =>
        shown == text.Get("en") && !(culture == "es" && shown == "No");

    private static IEnumerable<(string Path, LocalizedText Text)> Texts(System.Text.Json.Nodes.JsonNode node, string path)
    {
        if (node is System.Text.Json.Nodes.JsonObject obj)
        {
            if (obj.ContainsKey("en") && obj.All(p => p.Value is System.Text.Json.Nodes.JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String))
            {
                yield return (path, new LocalizedText(obj.ToDictionary(p => p.Key, p => (string)p.Value!)));
                yield break;
            }

            foreach (var (key, value) in obj)
                if (value is not null)
                    foreach (var t in Texts(value, $"{path}.{key}")) yield return t;
        }
        else if (node is System.Text.Json.Nodes.JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
                if (array[i] is { } item)
                    foreach (var t in Texts(item, $"{path}[{i}]")) yield return t;
        }
    }
}
