using CopAssessment.Domain.Questionnaires;

namespace CopAssessment.Domain.Tests.Scoring;

/// <summary>Reproduces the worked example of docs/scoring.md from the definition in that file.</summary>
public class WorkedExampleTests
{
    private static readonly QuestionnaireDefinition Definition =
        QuestionnaireDefinition.Parse(RepositoryFiles.JsonBlocks("docs/scoring.md")[0]);

    private static readonly Dictionary<string, AnswerValue> Answers = new()
    {
        ["q1"] = AnswerValue.Option("partial"),
        ["q2"] = AnswerValue.Option("advanced"),
        ["q3"] = AnswerValue.Option("na"),
        ["q4"] = AnswerValue.Option("yes"),
        ["q6"] = AnswerValue.Option("yes"),
        ["q7"] = AnswerValue.Option("office"),
    };

    [Fact]
    public void Submitted_scores_match_the_documented_numbers()
    {
        var card = ScoringEngine.Score(Definition, Answers, ScoringMode.Submitted);

        Assert.Equal(500 / 9.0, card.FindCapability("policy.leadership")!.Score!.Value, 10);
        Assert.Equal(50, card.FindCapability("policy.law")!.Score!.Value, 10);
        Assert.Equal(475 / 9.0, card.FindDomain("policy")!.Score!.Value, 10);
        Assert.Equal(25, card.FindDomain("services")!.Score!.Value, 10);
        Assert.Equal(1175 / 27.0, card.Overall!.Value, 10);

        Assert.Equal(55.6, ScoreDisplay.Round(card.FindCapability("policy.leadership")!.Score));
        Assert.Equal(52.8, ScoreDisplay.Round(card.FindDomain("policy")!.Score));
        Assert.Equal(43.5, ScoreDisplay.Round(card.Overall));

        Assert.Equal("advanced", card.FindCapability("policy.leadership")!.Stage);
        Assert.Equal("advanced", card.FindCapability("policy.law")!.Stage);
        Assert.Equal("advanced", card.FindDomain("policy")!.Stage);
        Assert.Equal("developing", card.FindDomain("services")!.Stage);
        Assert.Equal("developing", card.Stage);

        Assert.Equal(QuestionOutcome.NotApplicable, card.FindQuestion("q3")!.Outcome);
        Assert.Equal(QuestionOutcome.UnansweredCountedZero, card.FindQuestion("q5")!.Outcome);
        Assert.Equal(QuestionOutcome.Hidden, card.FindQuestion("q6")!.Outcome);
        Assert.Equal(QuestionOutcome.NotScored, card.FindQuestion("q8")!.Outcome);

        Assert.Equal(new Completeness(5, 6), card.Completeness);
        Assert.Equal(new Completeness(4, 5), card.FindDomain("policy")!.Completeness);
        Assert.Equal(new Completeness(1, 1), card.FindDomain("services")!.Completeness);
    }

    [Fact]
    public void Provisional_scores_match_the_documented_numbers()
    {
        var card = ScoringEngine.Score(Definition, Answers, ScoringMode.Provisional);

        Assert.Equal(100, card.FindCapability("policy.law")!.Score!.Value, 10);
        Assert.Equal("maturity", card.FindCapability("policy.law")!.Stage);
        Assert.Equal(700 / 9.0, card.FindDomain("policy")!.Score!.Value, 10);
        Assert.Equal("maturity", card.FindDomain("policy")!.Stage);
        Assert.Equal(1625 / 27.0, card.Overall!.Value, 10);
        Assert.Equal(60.2, ScoreDisplay.Round(card.Overall));
        Assert.Equal("advanced", card.Stage);
        Assert.Equal(QuestionOutcome.Unanswered, card.FindQuestion("q5")!.Outcome);
        Assert.Equal(new Completeness(5, 6), card.Completeness);
    }
}
