namespace CopAssessment.Web.Data.Assessments;

/// <summary>An answer as stored: its value, its row version (xmin) and who changed it last.</summary>
public sealed record StoredAnswer(string Key, AnswerValue Value, uint Version, string UpdatedBy, DateTimeOffset UpdatedAt, long Id);

/// <summary>A submission's answers, read the same way by every page, decision, report and the API.</summary>
public static class StoredAnswers
{
    public static async Task<Dictionary<string, StoredAnswer>> LoadAnswersAsync(this CopDbContext db, int submissionId)
    {
        var rows = await db.Set<Answer>().AsNoTracking().Where(a => a.SubmissionId == submissionId)
            .Select(a => new { a.Id, a.QuestionKey, a.Value, a.Version, a.UpdatedBy, a.UpdatedAt }).ToListAsync();
        return rows.ToDictionary(r => r.QuestionKey, r => new StoredAnswer(r.QuestionKey, AnswerJson.Parse(r.Value), r.Version, r.UpdatedBy, r.UpdatedAt, r.Id), StringComparer.Ordinal);
    }

    public static Dictionary<string, StoredAnswer> Empty() => new(StringComparer.Ordinal);

    public static Dictionary<string, AnswerValue> Values(this Dictionary<string, StoredAnswer> stored) =>
        stored.ToDictionary(s => s.Key, s => s.Value.Value, StringComparer.Ordinal);

    /// <summary>The answer values only, for scoring and relevance.</summary>
    public static async Task<Dictionary<string, AnswerValue>> LoadAnswerValuesAsync(this CopDbContext db, int submissionId) =>
        (await db.LoadAnswersAsync(submissionId)).Values();
}
