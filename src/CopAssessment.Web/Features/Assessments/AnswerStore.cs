using System.Collections.Concurrent;
using CopAssessment.Domain.Answers;
using CopAssessment.Domain.Questionnaires;
using CopAssessment.Domain.Scoring;
using CopAssessment.Domain.Workflow;
using CopAssessment.Web.Data;
using CopAssessment.Web.Data.Assessments;
using CopAssessment.Web.Features.Questionnaires;
using CopAssessment.Web.Infrastructure;
using CopAssessment.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace CopAssessment.Web.Features.Assessments;

public enum SaveOutcome { Saved, Unchanged, Invalid, Conflict, Hidden, Locked }

/// <summary>
/// The outcome of one save. On a conflict, <see cref="Theirs"/> is what the other person stored and
/// <see cref="Version"/> its row version: sending that version back with either value resolves it.
/// </summary>
public sealed record SaveResult(SaveOutcome Outcome, uint Version, string? Error = null,
    AnswerValue? Theirs = null, string? TheirsBy = null, DateTimeOffset? TheirsAt = null);

public sealed record StoredAnswer(string Key, AnswerValue Value, uint Version, string UpdatedBy, DateTimeOffset UpdatedAt, long Id);

/// <summary>
/// Reads and writes answers: one row per question, xmin as the row version, every change appended to the
/// history in the same statement. Nothing is overwritten without the writer having seen the current value.
/// Autosave is the busiest path of the application on deadline day, so a save is two round trips written
/// in SQL on the multiplexed data source: one read (<see cref="OpenForSaveAsync"/>) and one atomic write
/// (<see cref="SaveAsync"/>).
/// </summary>
public sealed class AnswerStore(CopDbContext db, MultiplexedDatabase database, Audit audit, QuestionnaireCatalog catalog)
{
    /// <summary>Submission and cycle states in which answers may change, as stored ("Draft|Open", …).</summary>
    private static readonly string[] EditableStates =
        [.. from s in Enum.GetValues<SubmissionStatus>() from c in Enum.GetValues<CycleStatus>()
            where SubmissionWorkflow.CanEditAnswers(s, c) select $"{s}|{c}"];

    /// <summary>
    /// Submission id → questionnaire version id. A submission's questionnaire never changes, so once known it
    /// lets the read of a save ask for only the answers the question depends on; the read checks it anyway.
    /// </summary>
    private static readonly ConcurrentDictionary<int, int> VersionOfSubmission = new();

    public async Task<Dictionary<string, StoredAnswer>> LoadAsync(int submissionId)
    {
        var rows = await db.Set<Answer>().AsNoTracking().Where(a => a.SubmissionId == submissionId)
            .Select(a => new { a.Id, a.QuestionKey, a.Value, a.Version, a.UpdatedBy, a.UpdatedAt }).ToListAsync();
        return rows.ToDictionary(r => r.QuestionKey, r => new StoredAnswer(r.QuestionKey, AnswerJson.Parse(r.Value), r.Version, r.UpdatedBy, r.UpdatedAt, r.Id), StringComparer.Ordinal);
    }

    public static Dictionary<string, StoredAnswer> Empty() => new(StringComparer.Ordinal);

    public static Dictionary<string, AnswerValue> Values(Dictionary<string, StoredAnswer> stored) =>
        stored.ToDictionary(s => s.Key, s => s.Value.Value, StringComparer.Ordinal);

    /// <summary>
    /// In one round trip: the submission, only if <paramref name="scope"/> sees it (otherwise null, as for
    /// <see cref="AssessmentAccess.FindAsync"/>), and the answers saving <paramref name="questionKey"/> reads:
    /// those its visibility and constraint depend on, or all of them when other questions read this one.
    /// </summary>
    public async Task<(AnswerTarget Target, Dictionary<string, StoredAnswer> Answers)?> OpenForSaveAsync(int submissionId, string questionKey, UserScope scope)
    {
        var (scopeCondition, scopeValue) = ScopeQueries.SqlCondition(scope, "s.\"CountryIso3\"", "k.\"RegionCode\"", "$2");
        await using var connection = await database.OpenAsync();
        while (true)
        {
            var guessedVersion = VersionOfSubmission.GetValueOrDefault(submissionId);
            IReadOnlyList<string>? keys = null;
            if (guessedVersion != 0)
            {
                var dependencies = AnswerDependencies.For(await catalog.GetDefinitionAsync(guessedVersion));
                keys = dependencies.IsReadByOthers(questionKey) ? null : dependencies.NeededFor(questionKey);
            }
            await using var batch = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand($"""
                        SELECT s."CountryIso3", s."Status", c."Status", c."QuestionnaireVersionId"
                        FROM "Submissions" s JOIN "AssessmentCycles" c ON c."Id" = s."CycleId" JOIN "Countries" k ON k."Iso3" = s."CountryIso3"
                        WHERE s."Id" = $1 AND {scopeCondition}
                        """) { Parameters = { new() { Value = submissionId }, new() { Value = scopeValue } } },
                    new NpgsqlBatchCommand($"""
                        SELECT {AnswerColumns} FROM "Answers"
                        WHERE "SubmissionId" = $1 AND ($2 OR "QuestionKey" = ANY($3))
                        """) { Parameters = { new() { Value = submissionId }, new() { Value = keys is null }, new() { Value = keys?.ToArray() ?? [] } } },
                },
            };
            await using var reader = await batch.ExecuteReaderAsync();
            if (!await reader.ReadAsync()) return null;
            var countryIso3 = reader.GetString(0);
            var status = Enum.Parse<SubmissionStatus>(reader.GetString(1));
            var cycleStatus = Enum.Parse<CycleStatus>(reader.GetString(2));
            var versionId = reader.GetInt32(3);
            await reader.NextResultAsync();
            var answers = Empty();
            while (await reader.ReadAsync())
            {
                var answer = ReadAnswer(reader);
                answers[answer.Key] = answer;
            }
            // Asked for all answers, or for the right questionnaire's dependencies: done. Otherwise learn and ask again.
            VersionOfSubmission[submissionId] = versionId;
            if (keys is null || guessedVersion == versionId)
                return (new AnswerTarget(submissionId, countryIso3, status, cycleStatus, await catalog.GetDefinitionAsync(versionId)), answers);
        }
    }

    /// <summary>
    /// Saves one answer the person typed, having seen <paramref name="seenVersion"/> (0 = no answer yet).
    /// <paramref name="answers"/> holds the current answers the question depends on and is updated on success.
    /// </summary>
    public async Task<SaveResult> SaveAsync(AnswerTarget target, Question question, IReadOnlyList<string?> raw, uint seenVersion,
        string who, string culture, Dictionary<string, StoredAnswer> answers)
    {
        var values = Values(answers);
        if (QuestionVisibility.HiddenQuestions(target.Definition, values).Contains(question.Key))
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
        var (userId, email) = audit.Actor();
        await using var connection = await database.OpenAsync();
        // One statement, so one transaction: the submission is still editable (and share-locked, so a
        // submit waits for this save or this save sees the submission), the row is still the one this
        // person saw (xmin), and the answer, its history row and its audit row are written together.
        await using var command = new NpgsqlCommand($"""
            WITH target AS (
                SELECT s."Id" FROM "Submissions" s JOIN "AssessmentCycles" c ON c."Id" = s."CycleId"
                WHERE s."Id" = $1 AND (s."Status" || '|' || c."Status") = ANY($2)
                FOR SHARE OF s),
            changed AS (
                {(current is null
                    ? """
                      INSERT INTO "Answers" ("SubmissionId", "QuestionKey", "Value", "UpdatedBy", "UpdatedAt")
                      SELECT $1, $3, $5::jsonb, $6, $7 FROM target
                      ON CONFLICT ("SubmissionId", "QuestionKey") DO NOTHING
                      """
                    : """
                      UPDATE "Answers" SET "Value" = $5::jsonb, "UpdatedBy" = $6, "UpdatedAt" = $7
                      WHERE "Id" = $4 AND xmin = $8 AND EXISTS (SELECT 1 FROM target)
                      """)}
                RETURNING "Id", xmin),
            history AS (
                INSERT INTO "AnswerHistory" ("SubmissionId", "QuestionKey", "OldValue", "NewValue", "ChangedBy", "ChangedAt")
                SELECT $1, $3, $9::jsonb, $5::jsonb, $6, $7 FROM changed),
            audit AS (
                INSERT INTO "AuditEvents" ("At", "UserId", "UserEmail", "Action", "CountryIso3", "Subject", "Details")
                SELECT $7, $10, $11, 'answer-changed', $12, $13, $14 FROM changed)
            SELECT EXISTS (SELECT 1 FROM target), (SELECT "Id" FROM changed), (SELECT xmin FROM changed)
            """, connection)
        {
            Parameters =
            {
                new() { Value = target.SubmissionId },
                new() { Value = EditableStates },
                new() { Value = question.Key },
                new() { Value = current?.Id ?? 0L },
                new() { Value = json },
                new() { Value = who },
                new() { Value = now },
                new() { Value = seenVersion, NpgsqlDbType = NpgsqlDbType.Xid },
                new() { Value = current is null ? DBNull.Value : AnswerJson.Serialize(current.Value), NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = (object?)userId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = (object?)email ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = target.CountryIso3 },
                new() { Value = $"submission {target.SubmissionId} {question.Key}" },
                new() { Value = $"{current?.Value.ToString() ?? ""} → {input.Value}" },
            },
        };
        await using (var reader = await command.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            if (!reader.GetBoolean(0)) return new SaveResult(SaveOutcome.Locked, seenVersion);
            if (!reader.IsDBNull(1))
            {
                var saved = new StoredAnswer(question.Key, input.Value, reader.GetFieldValue<uint>(2), who, now, reader.GetInt64(1));
                answers[question.Key] = saved;
                return new SaveResult(SaveOutcome.Saved, saved.Version);
            }
        }
        // Someone else's save landed between this person's read and write: show theirs.
        var theirs = await ReadOneAsync(connection, target.SubmissionId, question.Key);
        if (theirs is null) return new SaveResult(SaveOutcome.Conflict, 0, null, AnswerValue.None, "", now);
        answers[question.Key] = theirs;
        return theirs.Value.Equals(input.Value) ? new SaveResult(SaveOutcome.Unchanged, theirs.Version) : Conflict(theirs);
    }

    private const string AnswerColumns = """ "Id", "QuestionKey", "Value", xmin, "UpdatedBy", "UpdatedAt" """;

    private static StoredAnswer ReadAnswer(NpgsqlDataReader reader)
    {
        var key = reader.GetString(1);
        return new StoredAnswer(key, AnswerJson.Parse(reader.GetString(2)), reader.GetFieldValue<uint>(3), reader.GetString(4),
            reader.GetFieldValue<DateTimeOffset>(5), reader.GetInt64(0));
    }

    private static async Task<StoredAnswer?> ReadOneAsync(NpgsqlConnection connection, int submissionId, string key)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT {AnswerColumns} FROM "Answers" WHERE "SubmissionId" = $1 AND "QuestionKey" = $2
            """, connection) { Parameters = { new() { Value = submissionId }, new() { Value = key } } };
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? ReadAnswer(reader) : null;
    }

    private static SaveResult Conflict(StoredAnswer theirs) =>
        new(SaveOutcome.Conflict, theirs.Version, null, theirs.Value, theirs.UpdatedBy, theirs.UpdatedAt);
}
