using CopAssessment.Domain.Questionnaires;

namespace CopAssessment.Web.Features.Assessments;

/// <param name="Source">How the change came in when not typed on the page (<see cref="AnswerHistory.FromWorkbook"/>).</param>
public sealed record HistoryRow(string? OldValue, string NewValue, string ChangedBy, DateTimeOffset ChangedAt, string? Source = null);

public sealed class HistoryModel
{
    public required SubmissionContext Context { get; init; }
    public required Question Question { get; init; }
    public required IReadOnlyList<HistoryRow> Rows { get; init; }
    public string Culture { get; init; } = "en";
}

/// <summary>The latest changes of each question, and how many it has had in all (the review page).</summary>
public sealed record RecentChanges(ILookup<string, HistoryRow> Latest, IReadOnlyDictionary<string, int> Counts);

/// <summary>
/// Every change of an answer, as autosave and the page form append them (<see cref="AnswerHistory"/>): the whole
/// history of one question (its own page), and the latest few of every question (the review page).
/// </summary>
public sealed class QuestionHistory(CopDbContext db, AssessmentAccess access)
{
    public async Task<Outcome<HistoryModel>?> ShowAsync(int submissionId, string key)
    {
        var context = await access.FindAsync(submissionId);
        var question = context?.Definition.FindQuestion(key);
        if (context is null || question is null || !access.Shows(context, key)) return null;
        var rows = await db.Set<AnswerHistory>().AsNoTracking().Where(h => h.SubmissionId == submissionId && h.QuestionKey == key)
            .OrderByDescending(h => h.ChangedAt).ThenByDescending(h => h.Id)
            .Select(h => new HistoryRow(h.OldValue, h.NewValue, h.ChangedBy, h.ChangedAt, h.Source)).ToListAsync();
        // A carried answer's first entry is its carrying, which the answer itself records until it is changed
        // (CarryForward writes no history row; SaveAnswer writes this one when the carried value is first replaced).
        var carried = await db.Set<Answer>().AsNoTracking().Where(a => a.SubmissionId == submissionId && a.QuestionKey == key && a.CarriedFromCycleId != null)
            .Select(a => new HistoryRow(null, a.Value, a.UpdatedBy, a.UpdatedAt, AnswerHistory.Carried)).SingleOrDefaultAsync();
        if (carried is not null && !rows.Any(r => r.Source == AnswerHistory.Carried)) rows.Add(carried);
        return Outcome<HistoryModel>.Show(new HistoryModel { Context = context, Question = question, Rows = rows, Culture = CultureInfo.CurrentUICulture.Name });
    }

    private sealed class RecentChange
    {
        public required string QuestionKey { get; init; }
        public string? OldValue { get; init; }
        public required string NewValue { get; init; }
        public required string ChangedBy { get; init; }
        public DateTimeOffset ChangedAt { get; init; }
        public long Total { get; init; }
    }

    /// <summary>The latest <paramref name="perQuestion"/> changes of each question, newest first, in one query.</summary>
    public async Task<RecentChanges> RecentAsync(int submissionId, int perQuestion)
    {
        var history = await db.Database.SqlQuery<RecentChange>($"""
            SELECT "QuestionKey", "OldValue"::text AS "OldValue", "NewValue"::text AS "NewValue", "ChangedBy", "ChangedAt", "Total" FROM (
                SELECT h.*, row_number() OVER (PARTITION BY "QuestionKey" ORDER BY "ChangedAt" DESC, "Id" DESC) AS "Rank",
                       count(*) OVER (PARTITION BY "QuestionKey") AS "Total"
                FROM "AnswerHistory" h WHERE "SubmissionId" = {submissionId}) recent
            WHERE "Rank" <= {perQuestion}
            ORDER BY "ChangedAt" DESC, "Rank"
            """).ToListAsync();
        return new RecentChanges(history.ToLookup(h => h.QuestionKey, h => new HistoryRow(h.OldValue, h.NewValue, h.ChangedBy, h.ChangedAt)),
            history.GroupBy(h => h.QuestionKey).ToDictionary(g => g.Key, g => (int)g.First().Total));
    }
}
