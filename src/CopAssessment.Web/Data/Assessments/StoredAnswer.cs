namespace CopAssessment.Web.Data.Assessments;

/// <summary>An answer as stored: its value, its row version (xmin) and who changed it last.</summary>
/// <param name="CarriedFromCycleId">The cycle the value was carried from, while unchanged since (decision 0020).</param>
/// <param name="Unconfirmed">Carried and not confirmed yet: it counts as no answer (<see cref="StoredAnswers.Counted"/>).</param>
public sealed record StoredAnswer(string Key, AnswerValue Value, uint Version, string UpdatedBy, DateTimeOffset UpdatedAt,
    int? CarriedFromCycleId = null, bool Unconfirmed = false);

/// <summary>A submission's answers, read the same way by every page, decision, report and the API.</summary>
public static class StoredAnswers
{
    public static async Task<Dictionary<string, StoredAnswer>> LoadAnswersAsync(this CopDbContext db, int submissionId)
    {
        var rows = await db.Set<Answer>().AsNoTracking().Where(a => a.SubmissionId == submissionId)
            .Select(a => new { a.QuestionKey, a.Value, a.Version, a.UpdatedBy, a.UpdatedAt, a.CarriedFromCycleId, a.Unconfirmed }).ToListAsync();
        return rows.ToDictionary(r => r.QuestionKey, r => new StoredAnswer(r.QuestionKey, AnswerJson.Parse(r.Value), r.Version, r.UpdatedBy, r.UpdatedAt,
            r.CarriedFromCycleId, r.Unconfirmed), StringComparer.Ordinal);
    }

    public static Dictionary<string, StoredAnswer> Empty() => new(StringComparer.Ordinal);

    /// <summary>Every value as stored, carried or not: what a page shows and which questions it shows.</summary>
    public static Dictionary<string, AnswerValue> Values(this Dictionary<string, StoredAnswer> stored) =>
        stored.ToDictionary(s => s.Key, s => s.Value.Value, StringComparer.Ordinal);

    /// <summary>
    /// The values that count for progress, scoring and submitting: a carried answer nobody has confirmed yet is no
    /// answer (decision 0020).
    /// </summary>
    public static Dictionary<string, AnswerValue> Counted(this Dictionary<string, StoredAnswer> stored) =>
        stored.Where(s => !s.Value.Unconfirmed).ToDictionary(s => s.Key, s => s.Value.Value, StringComparer.Ordinal);

    /// <summary>The answer values that count (<see cref="Counted"/>), for scoring and relevance.</summary>
    public static async Task<Dictionary<string, AnswerValue>> LoadAnswerValuesAsync(this CopDbContext db, int submissionId) =>
        (await db.LoadAnswersAsync(submissionId)).Counted();
}
