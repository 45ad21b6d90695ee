namespace CopAssessment.Web.Tests.Reports;

/// <summary>The stored scorecard read whole, and read down to its capabilities for the trends (<see cref="ScoreSnapshot.ParseSummary"/>).</summary>
public class ScoreSnapshotTests
{
    [Fact]
    public void A_summary_keeps_every_figure_above_the_questions_and_builds_no_question_score()
    {
        var scorecards = ReportTestData.Sources(only: iso3 => iso3 is "KEN" or "FRA" or "BRA").Select(s => s.Scorecard!).ToList();
        Assert.Equal(3, scorecards.Count);
        foreach (var scorecard in scorecards)
        {
            var stored = ScoreSnapshot.Serialize(scorecard);
            var (whole, summary) = (ScoreSnapshot.Parse(stored), ScoreSnapshot.ParseSummary(stored));
            Assert.Contains(whole.Domains, d => d.Capabilities.Any(c => c.Questions.Count > 0));

            Assert.Equal((whole.QuestionnaireKey, whole.QuestionnaireVersion, whole.Mode, whole.Overall, whole.Stage, whole.Completeness),
                (summary.QuestionnaireKey, summary.QuestionnaireVersion, summary.Mode, summary.Overall, summary.Stage, summary.Completeness));
            Assert.Equal(whole.Domains.Select(d => (d.Key, d.Scored, d.Weight, d.Score, d.Stage, d.Completeness)),
                summary.Domains.Select(d => (d.Key, d.Scored, d.Weight, d.Score, d.Stage, d.Completeness)));
            Assert.Equal(whole.Domains.SelectMany(d => d.Capabilities).Select(c => (c.Key, c.Weight, c.Score, c.Stage)),
                summary.Domains.SelectMany(d => d.Capabilities).Select(c => (c.Key, c.Weight, c.Score, c.Stage)));
            Assert.All(summary.Domains.SelectMany(d => d.Capabilities), c => Assert.Empty(c.Questions));
        }
    }
}
