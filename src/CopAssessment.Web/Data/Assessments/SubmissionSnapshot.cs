using System.Text.Json;

namespace CopAssessment.Web.Data.Assessments;

/// <summary>
/// Append-only: a submission's answers and evidence as they were when the country submitted. The review of a
/// resubmission compares the current answers with the previous snapshot ("changed since the last submission");
/// history alone cannot say which evidence was removed, since removing deletes the row.
/// </summary>
public class SubmissionSnapshot
{
    public long Id { get; set; }
    public int SubmissionId { get; set; }
    public DateTimeOffset TakenAt { get; set; }

    /// <summary>jsonb object: question key → the stored answer (<see cref="AnswerJson"/>).</summary>
    public required string Answers { get; set; }

    /// <summary>jsonb array of <see cref="SnapshotEvidence"/>.</summary>
    public required string Evidence { get; set; }
}

/// <summary>One evidence item as a snapshot holds it.</summary>
public sealed record SnapshotEvidence(long Id, string QuestionKey, string? FileName, string? Url);

/// <summary>A snapshot read back: answers by question key, evidence by id.</summary>
public sealed record TakenSnapshot(DateTimeOffset TakenAt, IReadOnlyDictionary<string, AnswerValue> Answers, IReadOnlyList<SnapshotEvidence> Evidence);

public static class SubmissionSnapshots
{
    /// <summary>Copies the submission's answers and evidence into a snapshot in one statement, inside the caller's transaction.</summary>
    public static Task TakeAsync(this CopDbContext db, int submissionId) => db.Database.ExecuteSqlInterpolatedAsync($$"""
        INSERT INTO "SubmissionSnapshots" ("SubmissionId", "TakenAt", "Answers", "Evidence")
        SELECT {{submissionId}}, now(),
            (SELECT coalesce(jsonb_object_agg(a."QuestionKey", a."Value"), '{}'::jsonb) FROM "Answers" a WHERE a."SubmissionId" = {{submissionId}}),
            (SELECT coalesce(jsonb_agg(jsonb_build_object('Id', e."Id", 'QuestionKey', e."QuestionKey", 'FileName', e."FileName", 'Url', e."Url") ORDER BY e."Id"), '[]'::jsonb)
               FROM "Evidence" e WHERE e."SubmissionId" = {{submissionId}})
        """);

    /// <summary>
    /// The snapshot of the previous submission: while the submission is with the Secretariat (or decided) its newest
    /// snapshot is the current submission itself, so the one before; while the country edits, the newest.
    /// Null on a first submission.
    /// </summary>
    public static async Task<TakenSnapshot?> PreviousSubmissionAsync(this CopDbContext db, int submissionId, SubmissionStatus status)
    {
        var skip = status is SubmissionStatus.Draft or SubmissionStatus.Returned ? 0 : 1;
        var row = await db.Set<SubmissionSnapshot>().AsNoTracking().Where(s => s.SubmissionId == submissionId)
            .OrderByDescending(s => s.Id).Skip(skip).Select(s => new { s.TakenAt, s.Answers, s.Evidence }).FirstOrDefaultAsync();
        if (row is null) return null;
        var answers = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(row.Answers)!
            .ToDictionary(a => a.Key, a => AnswerJson.Parse(a.Value.GetRawText()), StringComparer.Ordinal);
        return new TakenSnapshot(row.TakenAt, answers, JsonSerializer.Deserialize<List<SnapshotEvidence>>(row.Evidence)!);
    }
}
