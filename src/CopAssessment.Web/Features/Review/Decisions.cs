namespace CopAssessment.Web.Features.Review;

/// <summary>The free text of a decision: the note of a return or a validation, the reason for reopening.</summary>
/// <param name="Field">The form field it came from, so its error shows beside it.</param>
public sealed record DecisionNote(string Field, string? Text);

/// <summary>A note is stored in a column of <see cref="TextLimits.Note"/> characters: longer is refused with a message, not a 500.</summary>
public sealed class DecisionNoteValidator : AbstractValidator<DecisionNote>
{
    public DecisionNoteValidator(IStringLocalizer<Ui> L)
    {
        RuleFor(x => x.Text).MaximumLength(TextLimits.Note)
            .WithMessage(x => L["Use at most {0} characters (this text has {1}).", TextLimits.Note, x.Text!.Length]);
    }
}

/// <summary>
/// The Secretariat's decisions on a submission: return it for revision (with at least one open comment thread),
/// validate it (its scorecard is stored), or, for an administrator, reopen a validated one with a reason. The
/// workflow's rules decide (<see cref="SubmissionWorkflow.Plan"/>); the country's focal points are mailed.
/// </summary>
public sealed class Decisions(CopDbContext db, AssessmentAccess access, ReviewPage page, WorkflowRecorder workflow,
    IValidator<DecisionNote> validator, IStringLocalizer<Ui> L)
{
    public Task<Outcome<ReviewModel>?> ReturnAsync(int submissionId, string? note, ClaimsPrincipal user) =>
        DecideAsync(submissionId, new DecisionNote("note", note), user, L["Returned to the country for revision."], async context =>
        {
            var open = await db.Set<ReviewComment>().Where(ReviewComment.OpenThread).CountAsync(c => c.SubmissionId == context.Id);
            if (open == 0) return DecisionResult.Refused(L["Add at least one open comment before returning the assessment."]);
            // The reviewer's own words, or a note in the reviewer's language.
            note = string.IsNullOrWhiteSpace(note) ? L.Plural(open, "Returned with {0} open comment.", "Returned with {0} open comments.") : note.Trim();
            var result = workflow.Apply(context, user, SubmissionAction.Return, note);
            if (!result.Succeeded) return result;
            await workflow.NotifyFocalPointsAsync(context, L => (
                L["Assessment returned for revision: {0}", Bidi.Isolate(context.CycleTitle)],
                $"{L.Plural(open, "The COP Secretariat returned the assessment of {0} for revision with {1} comment.", "The COP Secretariat returned the assessment of {0} for revision with {1} comments.", context.CountryName, open)}\n\n{note}\n\n{L["Open it: {0}", workflow.Link(Links.Assessment(context.Id))]}\n"));
            return await workflow.SaveAsync();
        });

    public Task<Outcome<ReviewModel>?> ValidateAsync(int submissionId, string? note, ClaimsPrincipal user) =>
        DecideAsync(submissionId, new DecisionNote("note", note), user, L["Assessment validated; its score is stored."], async context =>
        {
            var result = workflow.Apply(context, user, SubmissionAction.Validate, note);
            if (!result.Succeeded) return result;
            var scorecard = ScoringEngine.Score(context.Definition, await db.LoadAnswerValuesAsync(context.Id), ScoringMode.Submitted);
            context.Submission.ScoreSnapshot = ScoreSnapshot.Serialize(scorecard);
            context.Submission.ValidatedAt = DateTimeOffset.UtcNow;
            await workflow.NotifyFocalPointsAsync(context, L => (
                L["Assessment validated: {0}", Bidi.Isolate(context.CycleTitle)],
                $"{L["The COP Secretariat validated the assessment of {0}. Overall index: {1}.", context.CountryName, ScoreDisplay.Format(scorecard.Overall)]}\n\n{workflow.Link(Links.Assessment(context.Id))}\n"));
            return await workflow.SaveAsync();
        });

    public Task<Outcome<ReviewModel>?> ReopenAsync(int submissionId, string? reason, ClaimsPrincipal user) =>
        DecideAsync(submissionId, new DecisionNote("reason", reason), user, L["Assessment reopened."], async context =>
        {
            var result = workflow.Apply(context, user, SubmissionAction.Reopen, reason);
            if (!result.Succeeded) return result;
            context.Submission.ScoreSnapshot = null;
            context.Submission.ValidatedAt = null;
            await workflow.NotifyFocalPointsAsync(context, L => (
                L["Assessment reopened: {0}", Bidi.Isolate(context.CycleTitle)],
                $"{L["An administrator reopened the assessment of {0}: {1}", context.CountryName, reason ?? ""]}\n\n{workflow.Link(Links.Assessment(context.Id))}\n"));
            return await workflow.SaveAsync();
        });

    /// <summary>
    /// The note is checked first (a refused note is shown again in its field); then the decision runs on the tracked
    /// submission. Refused: the review page again, read anew, with the reason.
    /// </summary>
    private async Task<Outcome<ReviewModel>?> DecideAsync(int submissionId, DecisionNote note, ClaimsPrincipal user, string done,
        Func<SubmissionContext, Task<DecisionResult>> decide)
    {
        var context = await access.FindAsync(submissionId, tracking: true);
        if (context is null) return null;
        if (await validator.ValidateAsync(note) is { IsValid: false } invalid)
            return Outcome<ReviewModel>.Show(await page.ModelAsync(context, user, L["The decision was not recorded: correct the text and try again."], note,
                invalid.Errors[0].ErrorMessage), StatusCodes.Status422UnprocessableEntity);
        var result = await decide(context);
        if (result.Succeeded) return Outcome<ReviewModel>.GoTo(nameof(ReviewController.Review), new { id = submissionId }, done);
        return Outcome<ReviewModel>.Show(await page.ModelAsync((await access.FindAsync(submissionId))!, user, result.Error), StatusCodes.Status422UnprocessableEntity);
    }
}
