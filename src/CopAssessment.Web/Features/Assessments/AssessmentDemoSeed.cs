using System.Text.Json;
using CopAssessment.Domain.Questionnaires;
using CopAssessment.Web.Features.Cycles;
using CopAssessment.Web.Features.Questionnaires;

namespace CopAssessment.Web.Features.Assessments;

/// <summary>
/// An open "2026 stocktaking" cycle with 48 countries (8 per region) in every status and deterministic answers:
/// each country gets a capacity from a hash of its code, so scores differ believably and the same every time.
/// Kenya stays an empty draft so the demo focal point has the whole journey ahead.
/// </summary>
public sealed class AssessmentDemoSeed(CopDbContext db, QuestionnaireCatalog catalog, ILogger<AssessmentDemoSeed> logger) : IDemoSeed
{
    public const string CycleName = "2026 stocktaking";
    public int Order => 40;

    public async Task SeedAsync()
    {
        if (await db.Set<AssessmentCycle>().AnyAsync(c => c.Name == CycleName)) return;
        var version = await catalog.GetLatestVersionAsync("mnr");
        if (version is null) return;
        var definition = await catalog.GetDefinitionAsync(version.Id);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var cycle = new AssessmentCycle
        {
            Name = CycleName, QuestionnaireVersionId = version.Id, OpensOn = today.AddDays(-45), Deadline = CycleService.EndOfDay(today.AddDays(30)),
            PublicationPolicy = PublicationPolicy.Named, Status = CycleStatus.Open,
        };
        db.Set<AssessmentCycle>().Add(cycle);
        await db.SaveChangesAsync();
        await CycleService.CreateDraftsAsync(db, cycle.Id);

        var countries = await db.Countries.AsNoTracking().Select(c => new { c.Iso3, c.Iso2, c.Name, c.RegionCode }).ToListAsync();
        var chosen = countries.Where(c => c.Iso3 != "KEN").GroupBy(c => c.RegionCode)
            .SelectMany(g => g.OrderBy(c => Hash(c.Iso3)).Take(8)).OrderBy(c => c.Iso3).ToList();
        var submissions = await db.Set<Submission>().Where(s => s.CycleId == cycle.Id).ToDictionaryAsync(s => s.CountryIso3);
        var statuses = new[] { SubmissionStatus.Draft, SubmissionStatus.Submitted, SubmissionStatus.Returned, SubmissionStatus.Validated };
        var start = cycle.OpensOn.ToDateTime(new TimeOnly(9, 0));
        for (var i = 0; i < chosen.Count; i++)
        {
            var country = chosen[i];
            var submission = submissions[country.Iso3];
            var random = new Random((int)Hash(country.Iso3));
            var status = statuses[i % statuses.Length];
            var complete = status != SubmissionStatus.Draft;
            var answers = Generate(definition, random, country.Name, country.Iso2, complete);
            var who = $"focal.{country.Iso3.ToLowerInvariant()}@demo.local";
            var at = new DateTimeOffset(start.AddDays(random.Next(1, 30)), TimeSpan.Zero);
            foreach (var (key, value) in answers)
            {
                var json = AnswerJson.Serialize(value);
                db.Set<Answer>().Add(new Answer { SubmissionId = submission.Id, QuestionKey = key, Value = json, UpdatedBy = who, UpdatedAt = at });
                db.Set<AnswerHistory>().Add(new AnswerHistory { SubmissionId = submission.Id, QuestionKey = key, NewValue = json, ChangedBy = who, ChangedAt = at });
            }
            if (!complete) continue;
            var submittedAt = at.AddDays(random.Next(1, 5));
            submission.Status = SubmissionStatus.Submitted;
            submission.SubmittedAt = submittedAt;
            db.Set<SubmissionTransition>().Add(new SubmissionTransition { SubmissionId = submission.Id, From = SubmissionStatus.Draft, To = SubmissionStatus.Submitted, By = who, At = submittedAt });
            if (status == SubmissionStatus.Submitted) continue;
            var reviewAt = submittedAt.AddDays(2);
            db.Set<SubmissionTransition>().Add(new SubmissionTransition { SubmissionId = submission.Id, From = SubmissionStatus.Submitted, To = SubmissionStatus.InReview, By = "reviewer@demo.local", At = reviewAt });
            if (status == SubmissionStatus.Returned)
            {
                var question = definition.Questions.First(q => q.EvidenceExpected && answers.ContainsKey(q.Key));
                db.Set<ReviewComment>().Add(new ReviewComment
                {
                    SubmissionId = submission.Id, QuestionKey = question.Key, Body = "Please attach the policy document or a link to it as evidence.",
                    AuthorEmail = "reviewer@demo.local", AuthorName = "Demo Reviewer", FromSecretariat = true, CreatedAt = reviewAt,
                });
                db.Set<SubmissionTransition>().Add(new SubmissionTransition { SubmissionId = submission.Id, From = SubmissionStatus.InReview, To = SubmissionStatus.Returned, By = "reviewer@demo.local", At = reviewAt.AddMinutes(5), Note = "Evidence missing for one question." });
                submission.Status = SubmissionStatus.Returned;
            }
            else
            {
                db.Set<SubmissionTransition>().Add(new SubmissionTransition { SubmissionId = submission.Id, From = SubmissionStatus.InReview, To = SubmissionStatus.Validated, By = "reviewer@demo.local", At = reviewAt.AddMinutes(5) });
                submission.Status = SubmissionStatus.Validated;
                submission.ValidatedAt = reviewAt.AddMinutes(5);
                submission.ScoreSnapshot = ScoreSnapshot.Serialize(ScoringEngine.Score(definition, answers, ScoringMode.Submitted));
            }
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        logger.LogInformation("Seeded the {Cycle} cycle with answers for {Count} countries", CycleName, chosen.Count);
    }

    /// <summary>Answers for a country of a given capacity; a draft stops part-way through.</summary>
    public static Dictionary<string, AnswerValue> Generate(QuestionnaireDefinition definition, Random random, string countryName, string iso2, bool complete)
    {
        var capacity = 0.2 + 0.7 * random.NextDouble();
        var answers = new Dictionary<string, AnswerValue>(StringComparer.Ordinal);
        var cutoff = complete ? definition.Questions.Count : (int)(definition.Questions.Count * (0.2 + 0.5 * random.NextDouble()));
        foreach (var question in definition.Questions.Take(cutoff))
        {
            var value = Answer(question, random, capacity, countryName, iso2);
            if (value.IsAnswered && ConstraintChecker.Check(question, value, "en", answers) is null) answers[question.Key] = value;
        }
        // Follow-ups of a "no" do not apply: drop what the relevance rules hide.
        foreach (var hidden in QuestionVisibility.HiddenQuestions(definition, answers)) answers.Remove(hidden);
        return answers;
    }

    private static AnswerValue Answer(Question question, Random random, double capacity, string countryName, string iso2)
    {
        var target = Math.Clamp(capacity + (random.NextDouble() - 0.5) * 0.6, 0, 1);
        switch (question.Type)
        {
            case QuestionType.YesPartialNo or QuestionType.Maturity or QuestionType.SingleChoice:
                var scored = question.Options.Where(o => !o.NotApplicable).ToList();
                if (scored.Count == 0) return AnswerValue.None;
                var option = scored.Any(o => o.Score is not null)
                    ? scored.Where(o => o.Score is not null).MinBy(o => Math.Abs(o.Score!.Value - target))!
                    : scored[random.Next(scored.Count)];
                return AnswerValue.Option(option.Key);
            case QuestionType.MultipleChoice:
                var picked = question.Options.Where(o => !o.NotApplicable && random.NextDouble() < capacity).Select(o => o.Key).ToList();
                return picked.Count > 0 ? AnswerValue.Options(picked) : AnswerValue.Options(question.Options.First(o => !o.NotApplicable).Key);
            case QuestionType.Number:
                var min = question.Constraint?.Min ?? 0;
                var max = question.Constraint?.Max ?? 100;
                if (max - min > 1000) max = min + 1000;
                return AnswerValue.Number(Math.Round(min + (max - min) * (decimal)target));
            case QuestionType.Date:
                return AnswerValue.Date(new DateOnly(2012 + random.Next(0, 13), random.Next(1, 13), random.Next(1, 28)));
            case QuestionType.Url:
                return AnswerValue.Text($"https://www.cop.{iso2.ToLowerInvariant()}.example.org/national-response");
            case QuestionType.LongText:
                return AnswerValue.Text($"{countryName} coordinates this work through an inter-ministerial working group that meets quarterly; progress is reported to parliament each year.");
            default:
                return AnswerValue.Text($"National Child Online Protection Office of {countryName}");
        }
    }

    /// <summary>FNV-1a: stable across processes, unlike string.GetHashCode.</summary>
    internal static uint Hash(string text)
    {
        var hash = 2166136261;
        foreach (var c in text) hash = (hash ^ c) * 16777619;
        return hash & 0x7FFFFFFF;
    }
}
