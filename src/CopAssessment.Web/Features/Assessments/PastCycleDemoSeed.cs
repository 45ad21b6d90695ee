using CopAssessment.Web.Features.Questionnaires;

namespace CopAssessment.Web.Features.Assessments;

/// <summary>
/// A published "2025 stocktaking" (named policy, titled in the six languages) before the open 2026 cycle, so the demo
/// shows trends: the 2026 demo countries and Kenya, each validated with its score snapshot. A 2025 answer is the
/// country's 2026 answer or, about a fifth of the time, one step lower, so most countries progress from 2025 to 2026
/// and some stay or move back where their 2026 answers are drawn lower. Seeded once (by name), like the 2026 cycle.
/// </summary>
public sealed class PastCycleDemoSeed(CopDbContext db, QuestionnaireCatalog catalog, ILogger<PastCycleDemoSeed> logger) : IDemoSeed
{
    public const string CycleName = "2025 stocktaking";
    public int Order => 45;

    public static readonly IReadOnlyDictionary<string, string> Titles = new Dictionary<string, string>
    {
        ["en"] = CycleName, ["fr"] = "Bilan 2025", ["ar"] = "تقييم 2025", ["es"] = "Balance 2025", ["ru"] = "Обзор 2025 года", ["zh-Hans"] = "2025 年盘点",
    };

    public async Task SeedAsync()
    {
        if (await db.Set<AssessmentCycle>().AnyAsync(c => c.Name == CycleName)) return;
        var version = await catalog.GetLatestVersionAsync("mnr");
        if (version is null) return;
        var definition = await catalog.GetDefinitionAsync(version.Id);
        var opensOn = new DateOnly(2025, 2, 3);
        var cycle = new AssessmentCycle
        {
            Name = CycleName, QuestionnaireVersionId = version.Id, OpensOn = opensOn,
            Deadline = new DateTimeOffset(2025, 6, 30, 23, 59, 59, TimeSpan.Zero),
            PublicationPolicy = PublicationPolicy.Named, Status = CycleStatus.Published,
            CreatedAt = new DateTimeOffset(2025, 1, 15, 9, 0, 0, TimeSpan.Zero),
            Titles = [.. Titles.Select(t => new CycleTitle { Language = t.Key, Title = t.Value })],
        };
        db.Set<AssessmentCycle>().Add(cycle);
        await db.SaveChangesAsync();

        var countries = await db.Countries.AsNoTracking().Select(c => new { c.Iso3, c.Iso2, c.Name, c.RegionCode }).ToListAsync();
        // The 2026 demo countries (AssessmentDemoSeed's choice) and Kenya, whose 2026 assessment is still to do.
        var chosen = countries.Where(c => c.Iso3 != "KEN").GroupBy(c => c.RegionCode)
            .SelectMany(g => g.OrderBy(c => AssessmentDemoSeed.Hash(c.Iso3)).Take(8))
            .Concat(countries.Where(c => c.Iso3 == "KEN")).OrderBy(c => c.Iso3).ToList();
        var start = opensOn.ToDateTime(new TimeOnly(9, 0));
        foreach (var country in chosen)
        {
            var random = new Random((int)AssessmentDemoSeed.Hash(country.Iso3));
            var answers = Earlier(definition, AssessmentDemoSeed.Generate(definition, random, country.Name, country.Iso2, complete: true),
                new Random((int)(AssessmentDemoSeed.Hash(country.Iso3) ^ 2025)));
            var who = $"focal.{country.Iso3.ToLowerInvariant()}@demo.local";
            var at = new DateTimeOffset(start.AddDays(random.Next(1, 60)), TimeSpan.Zero);
            var submittedAt = at.AddDays(random.Next(1, 5));
            var validatedAt = submittedAt.AddDays(3);
            var submission = new Submission
            {
                CycleId = cycle.Id, CountryIso3 = country.Iso3, Status = SubmissionStatus.Published, CreatedAt = at.AddDays(-1),
                SubmittedAt = submittedAt, ValidatedAt = validatedAt,
                ScoreSnapshot = ScoreSnapshot.Serialize(ScoringEngine.Score(definition, answers, ScoringMode.Submitted)),
            };
            db.Set<Submission>().Add(submission);
            await db.SaveChangesAsync();
            foreach (var (key, value) in answers)
            {
                var json = AnswerJson.Serialize(value);
                db.Set<Answer>().Add(new Answer { SubmissionId = submission.Id, QuestionKey = key, Value = json, UpdatedBy = who, UpdatedAt = at });
                db.Set<AnswerHistory>().Add(new AnswerHistory { SubmissionId = submission.Id, QuestionKey = key, NewValue = json, ChangedBy = who, ChangedAt = at });
            }
            db.Set<SubmissionTransition>().AddRange(
                new SubmissionTransition { SubmissionId = submission.Id, From = SubmissionStatus.Draft, To = SubmissionStatus.Submitted, By = who, At = submittedAt },
                new SubmissionTransition { SubmissionId = submission.Id, From = SubmissionStatus.Submitted, To = SubmissionStatus.InReview, By = "reviewer@demo.local", At = validatedAt.AddMinutes(-30) },
                new SubmissionTransition { SubmissionId = submission.Id, From = SubmissionStatus.InReview, To = SubmissionStatus.Validated, By = "reviewer@demo.local", At = validatedAt },
                new SubmissionTransition { SubmissionId = submission.Id, From = SubmissionStatus.Validated, To = SubmissionStatus.Published, By = "admin@demo.local", At = new DateTimeOffset(2025, 9, 1, 9, 0, 0, TimeSpan.Zero) });
        }
        await db.SaveChangesAsync();
        // The drafts every other Member State had while the cycle was open: participation counts them as not submitted.
        await Cycles.CycleService.CreateDraftsAsync(db, cycle.Id);
        db.ChangeTracker.Clear();
        logger.LogInformation("Seeded the published {Cycle} cycle with validated results for {Count} countries", CycleName, chosen.Count);
    }

    /// <summary>The answers a year earlier: each scored choice one option lower about a fifth of the time.</summary>
    private static Dictionary<string, AnswerValue> Earlier(Domain.Questionnaires.QuestionnaireDefinition definition, Dictionary<string, AnswerValue> answers, Random random)
    {
        var earlier = new Dictionary<string, AnswerValue>(answers, StringComparer.Ordinal);
        foreach (var question in definition.Questions)
        {
            if (!answers.TryGetValue(question.Key, out var answer) || answer.Kind != AnswerKind.Option || random.NextDouble() >= 0.2) continue;
            var current = question.FindOption(answer.OptionKey!)?.Score;
            var lower = question.Options.Where(o => !o.NotApplicable && o.Score is not null && o.Score < current).MaxBy(o => o.Score);
            if (lower is not null) earlier[question.Key] = AnswerValue.Option(lower.Key);
        }
        foreach (var hidden in QuestionVisibility.HiddenQuestions(definition, earlier)) earlier.Remove(hidden);
        return earlier;
    }
}
