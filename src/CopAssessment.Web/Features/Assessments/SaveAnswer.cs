using System.Collections.Concurrent;
using CopAssessment.Domain.Questionnaires;
using CopAssessment.Web.Features.Questionnaires;
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

/// <summary>
/// What saving an answer needs to know about its submission. The statuses are as read; the write itself
/// checks them again, so a save racing a submission is refused rather than landing after it.
/// </summary>
public sealed record AnswerTarget(int SubmissionId, string CountryIso3, SubmissionStatus Status, CycleStatus CycleStatus, QuestionnaireDefinition Definition)
{
    public static AnswerTarget Of(SubmissionContext context) =>
        new(context.Id, context.Submission.CountryIso3, context.Submission.Status, context.Cycle.Status, context.Definition);
}

/// <summary>Autosave's request: the question, the row version the page showed (0 = no answer yet) and the value as typed.</summary>
public sealed record SaveAnswerRequest(string? Key, uint Version, IReadOnlyList<string?> Value);

/// <summary>
/// Saving one answer, for autosave (<see cref="HandleAsync"/>) and the no-JavaScript page (<see cref="SavePage"/>):
/// one row per question, xmin as the row version, every change appended to the history in the same statement.
/// Nothing is overwritten without the writer having seen the current value. Autosave is the busiest path of the
/// application on deadline day, so a save is two round trips written in SQL on the multiplexed data source: one
/// read (<see cref="OpenAsync"/>) and one atomic write (<see cref="SaveAsync"/>).
/// </summary>
public sealed class SaveAnswer(MultiplexedDatabase database, Audit audit, QuestionnaireCatalog catalog, UserScope scope,
    AssessmentAccess access, IServiceProvider services, IStringLocalizer<Ui> L)
{
    /// <summary>
    /// The autosave endpoint's answer: 200 saved/unchanged, 422 invalid/hidden, 409 with theirs and yours (the page
    /// lets the person choose), 403 locked, 404 outside the caller's scope. <c>hidden</c> lists the questions that
    /// no longer apply when other questions read this one.
    /// </summary>
    public async Task<IActionResult> HandleAsync(int submissionId, SaveAnswerRequest request, ClaimsPrincipal user)
    {
        var culture = CultureInfo.CurrentUICulture.Name;
        var locked = Respond(StatusCodes.Status403Forbidden, new { outcome = "locked", error = L["This assessment is read-only now."].Value });
        // The read and the write, tried again together after a transient error (DatabaseRetry). A write whose commit
        // was not acknowledged is not applied twice: the second read finds the value stored and the save is "unchanged".
        var attempt = await database.RetriedAsync(() => TryOnceAsync(submissionId, request, user, culture, locked));
        if (attempt is null) return new NotFoundResult();
        if (attempt.Refused is not null) return attempt.Refused;
        var (target, answers, question, result) = (attempt.Target, attempt.Answers, attempt.Question, attempt.Result!);
        if (result.Outcome == SaveOutcome.Locked) return locked;
        // Only a contributor's save can complete "their" section; resolved here so that other saves do not pay for it.
        if (result.Outcome == SaveOutcome.Saved && scope.Sections is not null)
            await services.GetRequiredService<CopAssessment.Web.Features.Contributors.SectionCompletion>().NotifyAsync(submissionId, target.Definition, [question.Key]);
        var hidden = AnswerDependencies.For(target.Definition).IsReadByOthers(question.Key)
            ? QuestionVisibility.HiddenQuestions(target.Definition, answers.Values()) : null;
        return result.Outcome switch
        {
            SaveOutcome.Saved or SaveOutcome.Unchanged => Respond(StatusCodes.Status200OK, new { outcome = result.Outcome == SaveOutcome.Saved ? "saved" : "unchanged", version = result.Version, hidden }),
            SaveOutcome.Invalid => Respond(StatusCodes.Status422UnprocessableEntity, new { outcome = "invalid", error = result.Error, version = result.Version, hidden }),
            SaveOutcome.Hidden => Respond(StatusCodes.Status422UnprocessableEntity, new { outcome = "hidden", error = L["This question does not apply given your other answers."].Value, version = result.Version, hidden }),
            _ => Respond(StatusCodes.Status409Conflict, new
            {
                outcome = "conflict",
                version = result.Version,
                theirs = new { value = result.Theirs, display = AnswerJson.Display(question, result.Theirs!, culture), by = result.TheirsBy, at = result.TheirsAt },
                yours = new { display = AnswerJson.Display(question, ConstraintChecker.Parse(question, request.Value, culture).Value, culture) },
                hidden,
            }),
        };
    }

    /// <summary>One try of a save: what was read, and the save's result or the refusal that answers it.</summary>
    private sealed record Attempt(AnswerTarget Target, Dictionary<string, StoredAnswer> Answers, Question Question, SaveResult? Result, IActionResult? Refused);

    private async Task<Attempt?> TryOnceAsync(int submissionId, SaveAnswerRequest request, ClaimsPrincipal user, string culture, IActionResult locked)
    {
        var opened = await OpenAsync(submissionId, request.Key ?? "");
        if (opened is null) return null;
        var (target, answers) = opened.Value;
        var question = target.Definition.FindQuestion(request.Key ?? "");
        if (question is null) return null;
        if (!access.CanEdit(user, target.Status, target.CycleStatus)) return new Attempt(target, answers, question, null, locked);
        if (scope.Sections is { } sections && !sections.Covers(target.Definition, question.Key))
            return new Attempt(target, answers, question, null, sections.OthersHidden ? new NotFoundResult()
                : Respond(StatusCodes.Status403Forbidden, new { outcome = "locked", error = L["This question is not one of your sections."].Value }));
        return new Attempt(target, answers, question, await SaveAsync(target, question, request.Value, request.Version, user.Identity?.Name ?? "", culture, answers), null);
    }

    private static JsonResult Respond(int status, object body) => new(body) { StatusCode = status };

    /// <summary>Submission and cycle states in which answers may change, as stored ("Draft|Open", …).</summary>
    internal static readonly string[] EditableStates =
        [.. from s in Enum.GetValues<SubmissionStatus>() from c in Enum.GetValues<CycleStatus>()
            where SubmissionWorkflow.CanEditAnswers(s, c) select $"{s}|{c}"];

    /// <summary>
    /// Submission id → questionnaire version id. A submission's questionnaire never changes, so once known it
    /// lets the read of a save ask for only the answers the question depends on; the read checks it anyway.
    /// </summary>
    private static readonly ConcurrentDictionary<int, int> VersionOfSubmission = new();

    /// <summary>
    /// In one round trip: the submission, only if the caller's scope sees it (otherwise null, as for
    /// <see cref="AssessmentAccess.FindAsync"/>), and the answers saving <paramref name="questionKey"/> reads:
    /// those its visibility and constraint depend on, or all of them when other questions read this one.
    /// </summary>
    public async Task<(AnswerTarget Target, Dictionary<string, StoredAnswer> Answers)?> OpenAsync(int submissionId, string questionKey)
    {
        var (scopeCondition, scopeValue) = ScopeQueries.SqlCondition(scope, "s.\"CountryIso3\"", "k.\"RegionCode\"", "@scope", "c.\"Status\"");
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
                        WHERE s."Id" = @submission AND {scopeCondition}
                        """) { Parameters = { new("submission", submissionId), new("scope", scopeValue) } },
                    new NpgsqlBatchCommand($"""
                        SELECT {AnswerColumns} FROM "Answers"
                        WHERE "SubmissionId" = @submission AND (@all OR "QuestionKey" = ANY(@keys))
                        """) { Parameters = { new("submission", submissionId), new("all", keys is null), new("keys", keys?.ToArray() ?? []) } },
                },
            };
            await using var reader = await batch.ExecuteReaderAsync();
            if (!await reader.ReadAsync()) return null;
            var countryIso3 = reader.GetString(0);
            var status = Enum.Parse<SubmissionStatus>(reader.GetString(1));
            var cycleStatus = Enum.Parse<CycleStatus>(reader.GetString(2));
            var versionId = reader.GetInt32(3);
            await reader.NextResultAsync();
            var answers = StoredAnswers.Empty();
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
    public Task<SaveResult> SaveAsync(AnswerTarget target, Question question, IReadOnlyList<string?> raw, uint seenVersion,
        string who, string culture, Dictionary<string, StoredAnswer> answers) =>
        SaveAsync(target, question, raw, seenVersion, who, culture, answers, transaction: null, source: null);

    /// <summary>
    /// The same save inside the caller's <paramref name="transaction"/> (a workbook import writes all its answers in
    /// one), its history row marked with <paramref name="source"/> (<see cref="AnswerHistory.FromWorkbook"/>).
    /// </summary>
    public async Task<SaveResult> SaveAsync(AnswerTarget target, Question question, IReadOnlyList<string?> raw, uint seenVersion,
        string who, string culture, Dictionary<string, StoredAnswer> answers, NpgsqlTransaction? transaction, string? source)
    {
        var values = answers.Values();
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
        var (sectionCondition, contributor) = ScopeQueries.SqlSectionCondition(scope, "s.\"CountryIso3\"", "@contributor", "@sections");
        var ownConnection = transaction is null ? await database.OpenAsync() : null;
        await using var disposeOwn = ownConnection;
        var connection = ownConnection ?? transaction!.Connection!;
        // One statement, so one transaction: the submission is still editable (and share-locked, so a
        // submit waits for this save or this save sees the submission), a contributor still has the question's
        // section, the row is still the one this person saw (xmin), and the answer, its history row and its
        // audit row are written together. A change of a carried answer confirms it: the value is the country's own now,
        // and the carrying, which only the answer recorded so far (CarryForward), becomes the question's first history row.
        await using var command = new NpgsqlCommand($"""
            WITH target AS (
                SELECT s."Id" FROM "Submissions" s JOIN "AssessmentCycles" c ON c."Id" = s."CycleId"
                WHERE s."Id" = @submission AND (s."Status" || '|' || c."Status") = ANY(@editable) AND {sectionCondition}
                FOR SHARE OF s),
            changed AS (
                {(current is null
                    ? """
                      INSERT INTO "Answers" ("SubmissionId", "QuestionKey", "Value", "UpdatedBy", "UpdatedAt")
                      SELECT @submission, @key, @value::jsonb, @who, @now FROM target
                      ON CONFLICT ("SubmissionId", "QuestionKey") DO NOTHING
                      """
                    : """
                      UPDATE "Answers" SET "Value" = @value::jsonb, "UpdatedBy" = @who, "UpdatedAt" = @now, "CarriedFromCycleId" = NULL, "Unconfirmed" = false
                      WHERE "SubmissionId" = @submission AND "QuestionKey" = @key AND xmin = @seen AND EXISTS (SELECT 1 FROM target)
                      """)}
                RETURNING xmin),
            history AS (
                INSERT INTO "AnswerHistory" ("SubmissionId", "QuestionKey", "OldValue", "NewValue", "ChangedBy", "ChangedAt", "Source")
                SELECT @submission, @key, NULL, @old::jsonb, @carriedBy, @carriedAt, @carriedSource FROM changed
                WHERE @carried AND NOT EXISTS (SELECT 1 FROM "AnswerHistory" WHERE "SubmissionId" = @submission AND "QuestionKey" = @key AND "Source" = @carriedSource)
                UNION ALL
                SELECT @submission, @key, @old::jsonb, @value::jsonb, @who, @now, @source FROM changed),
            audit AS (
                INSERT INTO "AuditEvents" ("At", "UserId", "UserEmail", "Action", "CountryIso3", "Subject", "Details")
                SELECT @now, @userId, @email, 'answer-changed', @country, @subject, @details FROM changed)
            SELECT EXISTS (SELECT 1 FROM target), (SELECT xmin FROM changed)
            """, connection, transaction)
        {
            Parameters =
            {
                new("submission", target.SubmissionId),
                new("editable", EditableStates),
                new("contributor", contributor),
                new("sections", ContributorSections.SectionsOf(target.Definition, question.Key)),
                new("key", question.Key),
                new("value", json),
                new("who", who),
                new("now", now),
                new("seen", NpgsqlDbType.Xid) { Value = seenVersion },
                new("old", NpgsqlDbType.Text) { Value = current is null ? DBNull.Value : AnswerJson.Serialize(current.Value) },
                new("userId", NpgsqlDbType.Text) { Value = (object?)userId ?? DBNull.Value },
                new("email", NpgsqlDbType.Text) { Value = (object?)email ?? DBNull.Value },
                new("country", target.CountryIso3),
                new("subject", $"submission {target.SubmissionId} {question.Key}"),
                new("details", $"{current?.Value.ToString() ?? ""} → {input.Value}{(source == AnswerHistory.FromWorkbook ? " (imported from workbook)" : "")}"),
                new("source", NpgsqlDbType.Text) { Value = (object?)source ?? DBNull.Value },
                new("carried", current?.CarriedFromCycleId is not null),
                new("carriedBy", current?.UpdatedBy ?? ""),
                new("carriedAt", current?.UpdatedAt ?? now),
                new("carriedSource", AnswerHistory.Carried),
            },
        };
        await using (var reader = await command.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            if (!reader.GetBoolean(0)) return new SaveResult(SaveOutcome.Locked, seenVersion);
            if (!reader.IsDBNull(1))
            {
                var saved = new StoredAnswer(question.Key, input.Value, reader.GetFieldValue<uint>(1), who, now);
                answers[question.Key] = saved;
                return new SaveResult(SaveOutcome.Saved, saved.Version);
            }
        }
        // Someone else's save landed between this person's read and write: show theirs.
        var theirs = await ReadOneAsync(connection, transaction, target.SubmissionId, question.Key);
        if (theirs is null) return new SaveResult(SaveOutcome.Conflict, 0, null, AnswerValue.None, "", now);
        answers[question.Key] = theirs;
        return theirs.Value.Equals(input.Value) ? new SaveResult(SaveOutcome.Unchanged, theirs.Version) : Conflict(theirs);
    }

    private const string AnswerColumns = """ "QuestionKey", "Value", xmin, "UpdatedBy", "UpdatedAt", "CarriedFromCycleId", "Unconfirmed" """;

    private static StoredAnswer ReadAnswer(NpgsqlDataReader reader)
    {
        return new StoredAnswer(reader.GetString(0), AnswerJson.Parse(reader.GetString(1)), reader.GetFieldValue<uint>(2), reader.GetString(3),
            reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetInt32(5), reader.GetBoolean(6));
    }

    private static async Task<StoredAnswer?> ReadOneAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, int submissionId, string key)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT {AnswerColumns} FROM "Answers" WHERE "SubmissionId" = @submission AND "QuestionKey" = @key
            """, connection, transaction) { Parameters = { new("submission", submissionId), new("key", key) } };
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? ReadAnswer(reader) : null;
    }

    private static SaveResult Conflict(StoredAnswer theirs) =>
        new(SaveOutcome.Conflict, theirs.Version, null, theirs.Value, theirs.UpdatedBy, theirs.UpdatedAt);
}
