using CopAssessment.Domain.Answers;
using CopAssessment.Domain.Questionnaires;
using CopAssessment.Domain.Scoring;
using CopAssessment.Web.Data;
using CopAssessment.Web.Data.Assessments;
using CopAssessment.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CopAssessment.Web.Features.Assessments;

public enum SaveOutcome { Saved, Unchanged, Invalid, Conflict, Hidden }

/// <summary>
/// The outcome of one save. On a conflict, <see cref="Theirs"/> is what the other person stored and
/// <see cref="Version"/> its row version: sending that version back with either value resolves it.
/// </summary>
public sealed record SaveResult(SaveOutcome Outcome, uint Version, string? Error = null,
    AnswerValue? Theirs = null, string? TheirsBy = null, DateTimeOffset? TheirsAt = null);

public sealed record StoredAnswer(string Key, AnswerValue Value, uint Version, string UpdatedBy, DateTimeOffset UpdatedAt, long Id);

/// <summary>
/// Reads and writes answers: one row per question, xmin as the row version, every change appended to the
/// history in the same transaction. Nothing is overwritten without the writer having seen the current value.
/// </summary>
public sealed class AnswerStore(CopDbContext db, Audit audit)
{
    public async Task<Dictionary<string, StoredAnswer>> LoadAsync(int submissionId, IReadOnlyList<string>? onlyKeys = null)
    {
        var query = db.Set<Answer>().AsNoTracking().Where(a => a.SubmissionId == submissionId);
        if (onlyKeys is not null) query = query.Where(a => onlyKeys.Contains(a.QuestionKey));
        var rows = await query
            .Select(a => new { a.Id, a.QuestionKey, a.Value, a.Version, a.UpdatedBy, a.UpdatedAt }).ToListAsync();
        return rows.ToDictionary(r => r.QuestionKey, r => new StoredAnswer(r.QuestionKey, AnswerJson.Parse(r.Value), r.Version, r.UpdatedBy, r.UpdatedAt, r.Id), StringComparer.Ordinal);
    }

    public static Dictionary<string, AnswerValue> Values(Dictionary<string, StoredAnswer> stored) =>
        stored.ToDictionary(s => s.Key, s => s.Value.Value, StringComparer.Ordinal);

    /// <summary>
    /// Saves one answer the person typed, having seen <paramref name="seenVersion"/> (0 = no answer yet).
    /// <paramref name="answers"/> holds the submission's current answers and is updated on success.
    /// </summary>
    public async Task<SaveResult> SaveAsync(SubmissionContext context, Question question, IReadOnlyList<string?> raw, uint seenVersion,
        string who, string culture, Dictionary<string, StoredAnswer> answers)
    {
        var values = Values(answers);
        if (QuestionVisibility.HiddenQuestions(context.Definition, values).Contains(question.Key))
            return new SaveResult(SaveOutcome.Hidden, seenVersion);
        var input = ConstraintChecker.Parse(question, raw, culture, values);
        if (!input.IsValid) return new SaveResult(SaveOutcome.Invalid, seenVersion, input.Error);

        answers.TryGetValue(question.Key, out var current);
        if (current is not null && current.Version != seenVersion)
        {
            // Someone saved since this person loaded the page. The same value is no conflict.
            return current.Value.Equals(input.Value)
                ? new SaveResult(SaveOutcome.Unchanged, current.Version)
                : Conflict(current);
        }
        if ((current?.Value ?? AnswerValue.None).Equals(input.Value)) return new SaveResult(SaveOutcome.Unchanged, current?.Version ?? 0);

        var json = AnswerJson.Serialize(input.Value);
        var now = DateTimeOffset.UtcNow;
        Answer row;
        if (current is null)
        {
            row = new Answer { SubmissionId = context.Id, QuestionKey = question.Key, Value = json, UpdatedBy = who, UpdatedAt = now };
            db.Set<Answer>().Add(row);
        }
        else
        {
            // A stub carrying the version this person saw: EF's UPDATE … WHERE xmin = seen refuses a stale write.
            row = new Answer { Id = current.Id, SubmissionId = context.Id, QuestionKey = question.Key, Value = "", UpdatedBy = "", Version = seenVersion };
            db.Set<Answer>().Attach(row);
            row.Value = json;
            row.UpdatedBy = who;
            row.UpdatedAt = now;
        }
        db.Set<AnswerHistory>().Add(new AnswerHistory
        {
            SubmissionId = context.Id, QuestionKey = question.Key, OldValue = current is null ? null : AnswerJson.Serialize(current.Value),
            NewValue = json, ChangedBy = who, ChangedAt = now,
        });
        audit.Record("answer-changed", $"submission {context.Id} {question.Key}", $"{current?.Value.ToString() ?? ""} → {input.Value}", context.Submission.CountryIso3);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (Exception ex) when (ex is DbUpdateConcurrencyException || ex is DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } })
        {
            db.ChangeTracker.Clear();
            var theirs = await db.Set<Answer>().AsNoTracking().Where(a => a.SubmissionId == context.Id && a.QuestionKey == question.Key)
                .Select(a => new { a.Id, a.Value, a.Version, a.UpdatedBy, a.UpdatedAt }).SingleAsync();
            var stored = new StoredAnswer(question.Key, AnswerJson.Parse(theirs.Value), theirs.Version, theirs.UpdatedBy, theirs.UpdatedAt, theirs.Id);
            answers[question.Key] = stored;
            return stored.Value.Equals(input.Value) ? new SaveResult(SaveOutcome.Unchanged, stored.Version) : Conflict(stored);
        }
        db.ChangeTracker.Clear();
        answers[question.Key] = new StoredAnswer(question.Key, input.Value, row.Version, who, now, row.Id);
        return new SaveResult(SaveOutcome.Saved, row.Version);
    }

    private static SaveResult Conflict(StoredAnswer theirs) =>
        new(SaveOutcome.Conflict, theirs.Version, null, theirs.Value, theirs.UpdatedBy, theirs.UpdatedAt);
}
