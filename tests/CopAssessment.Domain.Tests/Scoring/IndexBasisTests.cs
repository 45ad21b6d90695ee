using CopAssessment.Domain.Questionnaires;

namespace CopAssessment.Domain.Tests.Scoring;

/// <summary>The worked example of docs/scoring.md: two scored domains, Policy (q1–q6) and Services (q7, q8).</summary>
public class IndexBasisTests
{
    private static readonly QuestionnaireDefinition Definition =
        QuestionnaireDefinition.Parse(RepositoryFiles.JsonBlocks("docs/scoring.md")[0]);

    [Fact]
    public void With_one_section_answered_the_index_rests_on_one_of_two_scored_domains()
    {
        var card = ScoringEngine.Score(Definition, new Dictionary<string, AnswerValue> { ["q7"] = AnswerValue.Option("office") }, ScoringMode.Provisional);

        Assert.Equal(25, card.Overall);
        Assert.Equal(new IndexBasis(1, 2, Complete: false), card.Basis);
    }

    [Fact]
    public void Every_domain_scored_but_a_required_question_open_is_not_complete()
    {
        var card = ScoringEngine.Score(Definition, new Dictionary<string, AnswerValue>
        {
            ["q1"] = AnswerValue.Option("yes"), ["q7"] = AnswerValue.Option("office"),
        }, ScoringMode.Provisional);

        Assert.Equal(new IndexBasis(2, 2, Complete: false), card.Basis);
    }

    [Fact]
    public void Every_required_question_that_applies_answered_makes_the_index_complete()
    {
        var card = ScoringEngine.Score(Definition, new Dictionary<string, AnswerValue>
        {
            ["q1"] = AnswerValue.Option("yes"), ["q2"] = AnswerValue.Option("advanced"), ["q3"] = AnswerValue.Option("na"),
            ["q4"] = AnswerValue.Option("yes"), ["q5"] = AnswerValue.Option("no"), ["q7"] = AnswerValue.Option("office"),
        }, ScoringMode.Provisional);

        Assert.Equal(new IndexBasis(2, 2, Complete: true), card.Basis);
    }

    [Fact]
    public void Nothing_answered_has_no_index_and_no_basis()
    {
        var card = ScoringEngine.Score(Definition, new Dictionary<string, AnswerValue>(), ScoringMode.Provisional);

        Assert.Null(card.Overall);
        Assert.Equal(new IndexBasis(0, 2, Complete: false), card.Basis);
    }

    [Fact]
    public void The_basis_is_derived_so_a_stored_snapshot_does_not_change()
    {
        var card = ScoringEngine.Score(Definition, new Dictionary<string, AnswerValue> { ["q7"] = AnswerValue.Option("office") }, ScoringMode.Submitted);
        var json = JsonSerializer.Serialize(card, new JsonSerializerOptions(JsonSerializerDefaults.Web));

        Assert.DoesNotContain("basis", json, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(card.Basis, JsonSerializer.Deserialize<Scorecard>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!.Basis);
    }
}
