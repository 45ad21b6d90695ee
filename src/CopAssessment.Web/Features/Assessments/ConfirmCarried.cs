using CopAssessment.Web.Features.Contributors;
using Npgsql;
using NpgsqlTypes;

namespace CopAssessment.Web.Features.Assessments;

/// <summary>
/// Confirming answers carried from an earlier cycle unchanged (decision 0020): one question, or every carried answer of
/// a section the person may edit. A plain form post (works without JavaScript) that ends on the section's page again.
/// Changing a carried answer confirms it too, through <see cref="SaveAnswer"/>.
/// </summary>
public sealed class ConfirmCarried(MultiplexedDatabase database, CopDbContext db, AssessmentAccess access, UserScope scope, Audit audit, SectionCompletion completion,
    IStringLocalizer<Ui> L)
{
    /// <param name="questionKey">One question to confirm; otherwise <paramref name="section"/>, a domain key: all its carried answers.</param>
    public async Task<Outcome<DomainPageModel>?> HandleAsync(int submissionId, string? questionKey, string? section, ClaimsPrincipal user)
    {
        var context = await access.FindAsync(submissionId);
        if (context is null) return null;
        var definition = context.Definition;
        var domain = questionKey is not null ? definition.DomainOf(questionKey) : definition.Domains.FirstOrDefault(d => d.Key == section);
        if (domain is null || !access.Shows(domain) || (questionKey is not null && !access.Shows(context, questionKey))) return null;
        var hidden = QuestionVisibility.HiddenQuestions(definition, (await db.LoadAnswersAsync(submissionId)).Values());
        string[] keys = [.. (questionKey is not null ? [questionKey] : domain.Capabilities.SelectMany(c => c.Questions).Select(q => q.Key).Where(k => !hidden.Contains(k)))
            .Where(k => access.CanEdit(user, context, k))];
        if (keys.Length == 0) return Outcome<DomainPageModel>.Forbid();

        var confirmed = await ConfirmAsync(context, keys, user.Identity?.Name ?? "");
        if (confirmed is null)
            return Outcome<DomainPageModel>.GoTo(nameof(AssessmentsController.Domain), new { id = submissionId, domain = domain.Key }, L["This assessment is read-only now."]);
        if (confirmed.Count > 0 && access.IsContributor) await completion.NotifyAsync(submissionId, definition, confirmed);
        var message = confirmed.Count == 0 ? L["Nothing to confirm: these answers were confirmed or changed already."].Value
            : L.Plural(confirmed.Count, "{0} carried answer confirmed.", "{0} carried answers confirmed.").Value;
        return Outcome<DomainPageModel>.GoTo(nameof(AssessmentsController.Domain), new { id = submissionId, domain = domain.Key }, message,
            questionKey is not null ? QuestionRendering.Id(questionKey) : null);
    }

    /// <summary>
    /// In one statement, like autosave's: the submission is still editable (share-locked against a submit), the carried
    /// answers among <paramref name="keys"/> lose their "unconfirmed" mark, and each gets a history row ("confirmed",
    /// the value unchanged) and an audit row. Null when the submission is no longer editable; otherwise the keys confirmed.
    /// Run again after a transient error: an answer confirmed by a first try that did commit is not confirmed twice.
    /// A national contributor's sections are read again in the statement, as autosave does, so a revocation racing a
    /// confirmation wins: each answer's question must still be in one of their assigned sections.
    /// </summary>
    private Task<List<string>?> ConfirmAsync(SubmissionContext context, string[] keys, string who) =>
        database.RetriedAsync(() => ConfirmOnceAsync(context, keys, who));

    private async Task<List<string>?> ConfirmOnceAsync(SubmissionContext context, string[] keys, string who)
    {
        var (userId, email) = audit.Actor();
        var (sectionCondition, contributor) = ScopeQueries.SqlSectionCondition(scope, "@country", "@contributor",
            "ARRAY(SELECT jsonb_array_elements_text(@sectionsOf -> \"Answers\".\"QuestionKey\"))");
        await using var connection = await database.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            WITH target AS (
                SELECT s."Id" FROM "Submissions" s JOIN "AssessmentCycles" c ON c."Id" = s."CycleId"
                WHERE s."Id" = @submission AND (s."Status" || '|' || c."Status") = ANY(@editable)
                FOR SHARE OF s),
            confirmed AS (
                UPDATE "Answers" SET "Unconfirmed" = false
                WHERE "SubmissionId" = @submission AND "QuestionKey" = ANY(@keys) AND "Unconfirmed" AND EXISTS (SELECT 1 FROM target)
                  AND {sectionCondition}
                RETURNING "QuestionKey", "Value", "CarriedFromCycleId"),
            history AS (
                INSERT INTO "AnswerHistory" ("SubmissionId", "QuestionKey", "OldValue", "NewValue", "ChangedBy", "ChangedAt", "Source")
                SELECT @submission, "QuestionKey", "Value", "Value", @who, @now, @source FROM confirmed),
            audit AS (
                INSERT INTO "AuditEvents" ("At", "UserId", "UserEmail", "Action", "CountryIso3", "Subject", "Details")
                SELECT @now, @userId, @email, 'answer-confirmed', @country, 'submission ' || @submission || ' ' || "QuestionKey",
                       'carried from cycle ' || coalesce("CarriedFromCycleId"::text, '?') || ', confirmed unchanged: ' || "Value"::text
                FROM confirmed)
            SELECT EXISTS (SELECT 1 FROM target), "QuestionKey" FROM (SELECT NULL::text AS "QuestionKey" UNION ALL SELECT "QuestionKey" FROM confirmed) k
            """, connection)
        {
            Parameters =
            {
                new("submission", context.Id),
                new("editable", SaveAnswer.EditableStates),
                new("keys", keys),
                new("who", who),
                new("now", DateTimeOffset.UtcNow),
                new("source", AnswerHistory.Confirmed),
                new("userId", NpgsqlDbType.Text) { Value = (object?)userId ?? DBNull.Value },
                new("email", NpgsqlDbType.Text) { Value = (object?)email ?? DBNull.Value },
                new("country", context.Submission.CountryIso3),
                new("contributor", contributor),
                new("sectionsOf", NpgsqlDbType.Jsonb)
                    { Value = System.Text.Json.JsonSerializer.Serialize(keys.ToDictionary(k => k, k => ContributorSections.SectionsOf(context.Definition, k))) },
            },
        };
        var confirmed = new List<string>();
        var editable = false;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            editable = reader.GetBoolean(0);
            if (!reader.IsDBNull(1)) confirmed.Add(reader.GetString(1));
        }
        return editable ? confirmed : null;
    }
}
