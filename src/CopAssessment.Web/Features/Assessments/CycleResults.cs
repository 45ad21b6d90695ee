using System.Text.Json;

namespace CopAssessment.Web.Features.Assessments;

/// <summary>What reports read from a cycle: status and (validated) score snapshot per country, and the answers.</summary>
public sealed class CycleResults(CopDbContext db)
{
    /// <summary>One row per visible country of the cycle; the scorecard is the snapshot stored at validation, otherwise null.</summary>
    public async Task<IReadOnlyList<(string Iso3, string Region, SubmissionStatus Status, Scorecard? Scorecard, DateTimeOffset? ValidatedAt)>> LoadCycleResultsAsync(int cycleId, UserScope scope)
    {
        var rows = await db.Set<Submission>().AsNoTracking().VisibleTo(scope).Where(s => s.CycleId == cycleId)
            .OrderBy(s => s.CountryIso3)
            .Select(s => new { s.CountryIso3, s.Country!.RegionCode, s.Status, s.ScoreSnapshot, s.ValidatedAt }).ToListAsync();
        return [.. rows.Select(r => (r.CountryIso3, r.RegionCode, r.Status,
            r.Status.IsValidated() && r.ScoreSnapshot is not null ? ScoreSnapshot.Parse(r.ScoreSnapshot) : null,
            r.ValidatedAt))];
    }

    /// <summary>
    /// Every visible country's answers in the cycle, keyed by ISO3 then question key; only of submissions in
    /// <paramref name="statuses"/> when given.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, Dictionary<string, AnswerValue>>> LoadAnswersAsync(int cycleId, UserScope scope,
        IReadOnlyList<SubmissionStatus>? statuses = null)
    {
        var rows = await db.Set<Answer>().AsNoTracking()
            .Where(a => Submissions(cycleId, scope, statuses).Select(s => s.Id).Contains(a.SubmissionId))
            .Select(a => new { a.Submission!.CountryIso3, a.QuestionKey, a.Value }).ToListAsync();
        return rows.GroupBy(r => r.CountryIso3).ToDictionary(g => g.Key,
            g => g.ToDictionary(r => r.QuestionKey, r => AnswerJson.Parse(r.Value), StringComparer.Ordinal));
    }

    /// <summary>Every visible country's evidence in the cycle (not the file contents), oldest first; only of submissions in <paramref name="statuses"/> when given.</summary>
    public async Task<IReadOnlyList<CycleEvidence>> LoadEvidenceAsync(int cycleId, UserScope scope, IReadOnlyList<SubmissionStatus>? statuses = null) =>
        await db.Set<Evidence>().AsNoTracking()
            .Where(e => Submissions(cycleId, scope, statuses).Select(s => s.Id).Contains(e.SubmissionId))
            .OrderBy(e => e.AddedAt).ThenBy(e => e.Id)
            .Select(e => new CycleEvidence(e.Submission!.CountryIso3, e.SubmissionId, e.Id, e.QuestionKey, e.FileName, e.Url))
            .ToListAsync();

    private IQueryable<Submission> Submissions(int cycleId, UserScope scope, IReadOnlyList<SubmissionStatus>? statuses)
    {
        var submissions = db.Set<Submission>().VisibleTo(scope).Where(s => s.CycleId == cycleId);
        return statuses is null ? submissions : submissions.Where(s => statuses.Contains(s.Status));
    }
}

/// <summary>One piece of evidence of a submission: a web address (<paramref name="Url"/>) or an uploaded file.</summary>
public sealed record CycleEvidence(string Iso3, int SubmissionId, long Id, string QuestionKey, string? FileName, string? Url);
