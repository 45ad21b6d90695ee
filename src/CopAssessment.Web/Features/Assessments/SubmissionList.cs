using CopAssessment.Web.Features.Questionnaires;

namespace CopAssessment.Web.Features.Assessments;

public sealed record SubmissionRow(int Id, string CycleName, string CountryName, string Iso3, SubmissionStatus Status, DateTimeOffset Deadline, Completeness Progress);

/// <summary>The assessments list: the submissions of open and closed cycles in scope, each with its progress (a contributor's: in their sections).</summary>
public static class SubmissionList
{
    public const int MaxRows = 500;

    public static async Task<List<SubmissionRow>> LoadAsync(CopDbContext db, UserScope scope, QuestionnaireCatalog catalog, PlaceNames places, CycleTitles cycleTitles)
    {
        var names = await places.CountriesAsync();
        var titles = await cycleTitles.InLanguageAsync();
        var submissions = await db.Set<Submission>().VisibleTo(scope)
            .Where(s => s.Cycle!.Status == CycleStatus.Open || s.Cycle.Status == CycleStatus.Closed)
            .OrderByDescending(s => s.Cycle!.Deadline).ThenBy(s => s.Country!.Name).Take(MaxRows)
            .Select(s => new { s.Id, s.CycleId, CycleName = s.Cycle!.Name, CountryName = s.Country!.Name, s.CountryIso3, s.Status, s.Cycle.Deadline, s.Cycle.QuestionnaireVersionId })
            .ToListAsync();
        // Every listed submission's answers in one query, not one per row.
        var ids = submissions.Select(s => s.Id).ToList();
        var answers = (await db.Set<Answer>().AsNoTracking().Where(a => ids.Contains(a.SubmissionId))
            .Select(a => new { a.SubmissionId, a.QuestionKey, a.Value }).ToListAsync()).ToLookup(a => a.SubmissionId);
        var rows = new List<SubmissionRow>(submissions.Count);
        foreach (var s in submissions)
        {
            var values = answers[s.Id].ToDictionary(a => a.QuestionKey, a => AnswerJson.Parse(a.Value), StringComparer.Ordinal);
            var scorecard = ScoringEngine.Score(await catalog.GetDefinitionAsync(s.QuestionnaireVersionId), values, ScoringMode.Provisional);
            // A national contributor's progress is their part's: the rest may be hidden from them.
            var progress = scope.Sections?.ProgressIn(scorecard) ?? scorecard.Completeness;
            rows.Add(new SubmissionRow(s.Id, titles.GetValueOrDefault(s.CycleId, s.CycleName), names.GetValueOrDefault(s.CountryIso3, s.CountryName), s.CountryIso3, s.Status, s.Deadline, progress));
        }
        return rows;
    }
}
