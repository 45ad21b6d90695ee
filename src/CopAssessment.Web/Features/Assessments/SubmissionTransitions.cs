using System.Security.Claims;
using System.Text.Json;
using CopAssessment.Domain.Answers;
using CopAssessment.Domain.Questionnaires;
using CopAssessment.Domain.Scoring;
using CopAssessment.Domain.Workflow;
using CopAssessment.Web.Data;
using CopAssessment.Web.Data.Assessments;
using CopAssessment.Web.Infrastructure.Localization;
using CopAssessment.Web.Infrastructure.Mail;
using CopAssessment.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CopAssessment.Web.Features.Assessments;

public sealed record MissingAnswer(string Key, string DomainKey, string Text);

public sealed record TransitionResult(bool Succeeded, string? Error = null, IReadOnlyList<MissingAnswer>? Missing = null);

/// <summary>
/// Moves a submission through its workflow (rules in <see cref="SubmissionWorkflow"/>): records the transition,
/// audits it and queues the notifications, all in one SaveChanges.
/// </summary>
public sealed class SubmissionTransitions(CopDbContext db, AnswerStore answers, Audit audit, Outbox outbox, IStringLocalizer<Ui> L)
{
    public static readonly JsonSerializerOptions SnapshotJson = new(JsonSerializerDefaults.Web);

    /// <summary>Every required question that applies and has no answer, in questionnaire order.</summary>
    public static IReadOnlyList<MissingAnswer> Missing(QuestionnaireDefinition definition, IReadOnlyDictionary<string, AnswerValue> values, string culture)
    {
        var hidden = QuestionVisibility.HiddenQuestions(definition, values);
        return [.. definition.Questions
            .Where(q => q.Required && !hidden.Contains(q.Key) && !(values.TryGetValue(q.Key, out var v) && v.IsAnswered))
            .Select(q => new MissingAnswer(q.Key, definition.DomainOf(q.Key)!.Key, q.Text.Get(culture)))];
    }

    public async Task<TransitionResult> SubmitAsync(SubmissionContext context, ClaimsPrincipal user, string culture)
    {
        // The row lock makes the completeness check and the status change one step: a save in flight
        // finishes first and is counted, and a save arriving later sees the submission locked.
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM \"Submissions\" WHERE \"Id\" = {context.Id} FOR UPDATE");
        var values = AnswerStore.Values(await answers.LoadAsync(context.Id));
        var missing = Missing(context.Definition, values, culture);
        if (missing.Count > 0) return new TransitionResult(false, null, missing);
        var result = await MoveAsync(context, user, SubmissionAction.Submit, null);
        if (!result.Succeeded) return result;
        outbox.Enqueue(await UsersInRoleAsync(Roles.Reviewer), L => (
            L["Assessment submitted: {0} ({1})", context.CountryName, context.Cycle.Name],
            $"{L["{0} submitted its assessment for {1}.", context.CountryName, context.Cycle.Name]}\n\n{L["Review it: {0}", outbox.Link($"/review/{context.Id}")]}\n"));
        result = await SaveAsync(result);
        if (result.Succeeded) await transaction.CommitAsync();
        return result;
    }

    public async Task<TransitionResult> ReturnAsync(SubmissionContext context, ClaimsPrincipal user, string? note)
    {
        var open = await db.Set<ReviewComment>().CountAsync(c => c.SubmissionId == context.Id && !c.Resolved && c.ParentId == null);
        if (open == 0) return new TransitionResult(false, "Add at least one open comment before returning the assessment.");
        // The reviewer's own words, or a note in the reviewer's language.
        note = string.IsNullOrWhiteSpace(note) ? L.Plural(open, "Returned with {0} open comment.", "Returned with {0} open comments.") : note.Trim();
        var result = await ReviewAsync(context, user, SubmissionAction.Return, note);
        if (!result.Succeeded) return result;
        await NotifyFocalPointsAsync(context, L => (
            L["Assessment returned for revision: {0}", context.Cycle.Name],
            $"{L.Plural(open, "The COP Secretariat returned the assessment of {0} for revision with {1} comment.", "The COP Secretariat returned the assessment of {0} for revision with {1} comments.", context.CountryName, open)}\n\n{note}\n\n{L["Open it: {0}", outbox.Link($"/assessments/{context.Id}")]}\n"));
        return await SaveAsync(result);
    }

    public async Task<TransitionResult> ValidateAsync(SubmissionContext context, ClaimsPrincipal user, string? note)
    {
        var result = await ReviewAsync(context, user, SubmissionAction.Validate, note);
        if (!result.Succeeded) return result;
        var values = AnswerStore.Values(await answers.LoadAsync(context.Id));
        var scorecard = ScoringEngine.Score(context.Definition, values, ScoringMode.Submitted);
        context.Submission.ScoreSnapshot = JsonSerializer.Serialize(scorecard, SnapshotJson);
        context.Submission.ValidatedAt = DateTimeOffset.UtcNow;
        await NotifyFocalPointsAsync(context, L => (
            L["Assessment validated: {0}", context.Cycle.Name],
            $"{L["The COP Secretariat validated the assessment of {0}. Overall index: {1}.", context.CountryName, ScoreDisplay.Format(scorecard.Overall)]}\n\n{outbox.Link($"/assessments/{context.Id}")}\n"));
        return await SaveAsync(result);
    }

    public async Task<TransitionResult> ReopenAsync(SubmissionContext context, ClaimsPrincipal user, string? reason)
    {
        var result = await MoveAsync(context, user, SubmissionAction.Reopen, reason);
        if (!result.Succeeded) return result;
        context.Submission.ScoreSnapshot = null;
        context.Submission.ValidatedAt = null;
        await NotifyFocalPointsAsync(context, L => (
            L["Assessment reopened: {0}", context.Cycle.Name],
            $"{L["An administrator reopened the assessment of {0}: {1}", context.CountryName, reason ?? ""]}\n\n{outbox.Link($"/assessments/{context.Id}")}\n"));
        return await SaveAsync(result);
    }

    /// <summary>
    /// Saves a transition. The submission's xmin is its concurrency token: if someone else moved it since this
    /// request read it (two reviewers, two focal points pressing Submit), nothing is saved and the person is told.
    /// </summary>
    private async Task<TransitionResult> SaveAsync(TransitionResult result)
    {
        try
        {
            await db.SaveChangesAsync();
            return result;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new TransitionResult(false, "Someone else changed this assessment at the same time. Reload and try again.");
        }
    }

    /// <summary>Return and validate act on a submission in review; a submitted one is taken into review first.</summary>
    private async Task<TransitionResult> ReviewAsync(SubmissionContext context, ClaimsPrincipal user, SubmissionAction action, string? note)
    {
        if (context.Submission.Status == SubmissionStatus.Submitted)
        {
            var start = await MoveAsync(context, user, SubmissionAction.StartReview, null);
            if (!start.Succeeded) return start;
        }
        return await MoveAsync(context, user, action, note);
    }

    /// <summary>Applies the rule and records it; the caller saves. Needs a tracked submission.</summary>
    private Task<TransitionResult> MoveAsync(SubmissionContext context, ClaimsPrincipal user, SubmissionAction action, string? note)
    {
        var actor = AssessmentAccess.ActorOf(user);
        if (actor is null) return Task.FromResult(new TransitionResult(false, "You cannot change this assessment."));
        var submission = context.Submission;
        var transition = SubmissionWorkflow.Apply(submission.Status, action, actor.Value, context.Cycle.Status, note);
        if (!transition.Succeeded) return Task.FromResult(new TransitionResult(false, transition.Error));
        var who = user.Identity?.Name ?? "";
        db.Set<SubmissionTransition>().Add(new SubmissionTransition { SubmissionId = submission.Id, From = submission.Status, To = transition.Status, By = who, Note = note });
        audit.Record("submission-" + action.ToString().ToLowerInvariant(), $"submission {submission.Id}", $"{submission.Status} → {transition.Status}{(note is null ? "" : ": " + note)}", submission.CountryIso3);
        submission.Status = transition.Status;
        if (action == SubmissionAction.Submit) submission.SubmittedAt = DateTimeOffset.UtcNow;
        return Task.FromResult(new TransitionResult(true));
    }

    /// <summary>Mails the country's focal points, each in their own language.</summary>
    private async Task NotifyFocalPointsAsync(SubmissionContext context, Func<IStringLocalizer, (string Subject, string Body)> compose)
    {
        var iso3 = context.Submission.CountryIso3;
        outbox.Enqueue(await db.Users.Where(u => u.CountryIso3 == iso3 && u.Email != null)
            .Select(u => new Recipient(u.Email!, u.PreferredCulture)).ToListAsync(), compose);
    }

    private async Task<List<Recipient>> UsersInRoleAsync(string role) =>
        await (from u in db.Users
               join ur in db.UserRoles on u.Id equals ur.UserId
               join r in db.Roles on ur.RoleId equals r.Id
               where r.Name == role && u.Email != null
               select new Recipient(u.Email!, u.PreferredCulture)).ToListAsync();
}
