using CopAssessment.Web.Features.Assessments;

namespace CopAssessment.Web.Tests.Reports;

/// <summary>A cycle of its own per test class, with validated submissions (snapshot and answers) for the given countries.</summary>
public static class CycleSeed
{
    public static async Task<int> CreateAsync(CopAppFactory app, PublicationPolicy policy, Func<string, bool> participates)
    {
        return await app.WithDbAsync(async db =>
        {
            var version = await db.QuestionnaireVersions.Where(v => v.Key == "mnr").OrderByDescending(v => v.Number).FirstAsync();
            var definition = Domain.Questionnaires.QuestionnaireDefinition.Parse(version.Content);
            var cycle = new AssessmentCycle
            {
                Name = "Reports test " + Guid.NewGuid().ToString("N")[..8], QuestionnaireVersionId = version.Id, PublicationPolicy = policy,
                Status = CycleStatus.Closed, OpensOn = new DateOnly(2026, 1, 1), Deadline = new DateTimeOffset(2026, 3, 31, 0, 0, 0, TimeSpan.Zero),
            };
            db.Add(cycle);
            await db.SaveChangesAsync();
            var countries = await db.Countries.Select(c => c.Iso3).ToListAsync();
            foreach (var iso3 in countries.Where(participates))
            {
                var answers = ReportTestData.Answers(definition, ReportTestData.Seed(iso3));
                var submission = new Submission
                {
                    CycleId = cycle.Id, CountryIso3 = iso3, Status = SubmissionStatus.Validated,
                    SubmittedAt = DateTimeOffset.UtcNow, ValidatedAt = DateTimeOffset.UtcNow,
                    ScoreSnapshot = ScoreSnapshot.Serialize(ScoringEngine.Score(definition, answers, ScoringMode.Submitted)),
                };
                db.Add(submission);
                await db.SaveChangesAsync();
                db.AddRange(answers.Select(a => new Answer
                {
                    SubmissionId = submission.Id, QuestionKey = a.Key, Value = AnswerJson.Serialize(a.Value), UpdatedBy = "seed",
                }));
            }
            await db.SaveChangesAsync();
            return cycle.Id;
        });
    }

    public static Scorecard Expected(string iso3)
    {
        var definition = ReportTestData.Definition;
        return ScoringEngine.Score(definition, ReportTestData.Answers(definition, ReportTestData.Seed(iso3)), ScoringMode.Submitted);
    }

    /// <summary>The mean overall index of <paramref name="countries"/>, computed here from their scorecards (not by the aggregation).</summary>
    public static double? ExpectedMean(IEnumerable<string> countries) =>
        countries.Select(iso3 => Expected(iso3).Overall).Where(o => o is not null).Average();
}
