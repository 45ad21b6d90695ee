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
