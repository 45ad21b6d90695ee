using CopAssessment.Domain.Questionnaires;

namespace CopAssessment.Web.Features.Assessments;

/// <param name="Unconfirmed">Answered, but carried from an earlier cycle and not confirmed yet.</param>
public sealed record MissingAnswer(string Key, string DomainKey, ShownText Text, bool Unconfirmed = false);

/// <summary>The confirmation step before submitting: what will happen, and what is still missing.</summary>
public sealed class SubmitModel
{
    public required SubmissionContext Context { get; init; }
    public required Completeness Completeness { get; init; }
    public IReadOnlyList<MissingAnswer> Missing { get; init; } = [];
    public bool CanEdit { get; init; }
}

/// <summary>
/// Submitting locks the assessment: a confirmation page says what will happen (it works without JavaScript),
/// and only a POST carrying <c>confirmed=true</c> submits. The COP Secretariat's reviewers are mailed.
/// </summary>
public sealed class Submit(CopDbContext db, AssessmentAccess access, Overview overview, WorkflowRecorder workflow, IStringLocalizer<Ui> L)
{
    private static string Culture => CultureInfo.CurrentUICulture.Name;

    /// <summary>Every required question that applies and has no answer, in questionnaire order.</summary>
    public static IReadOnlyList<MissingAnswer> Missing(QuestionnaireDefinition definition, IReadOnlyDictionary<string, AnswerValue> values, string culture)
    {
        var hidden = QuestionVisibility.HiddenQuestions(definition, values);
        return [.. definition.Questions
            .Where(q => q.Required && !hidden.Contains(q.Key) && !(values.TryGetValue(q.Key, out var v) && v.IsAnswered))
            .Select(q => new MissingAnswer(q.Key, definition.DomainOf(q.Key)!.Key, q.Text.Find(culture), Unconfirmed: false))];
    }

    /// <summary>
    /// <see cref="Missing(QuestionnaireDefinition, IReadOnlyDictionary{string, AnswerValue}, string)"/> of the answers that count, then every
    /// question that applies whose carried answer is not confirmed yet, required or not: the country has not said it still holds (decision 0020).
    /// </summary>
    public static IReadOnlyList<MissingAnswer> Missing(QuestionnaireDefinition definition, Dictionary<string, StoredAnswer> stored, string culture)
    {
        var counted = stored.Counted();
        var missing = Missing(definition, counted, culture);
        var hidden = QuestionVisibility.HiddenQuestions(definition, counted);
        var listed = missing.Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
        return [.. missing.Select(m => stored.TryGetValue(m.Key, out var a) && a.Unconfirmed ? m with { Unconfirmed = true } : m), .. definition.Questions
            .Where(q => stored.TryGetValue(q.Key, out var a) && a.Unconfirmed && !hidden.Contains(q.Key) && !listed.Contains(q.Key))
            .Select(q => new MissingAnswer(q.Key, definition.DomainOf(q.Key)!.Key, q.Text.Find(culture), Unconfirmed: true))];
    }

    public async Task<Outcome<SubmitModel>?> ConfirmAsync(int submissionId, ClaimsPrincipal user)
    {
        var context = await access.FindAsync(submissionId);
        if (context is null) return null;
        var stored = await db.LoadAnswersAsync(submissionId);
        return Outcome<SubmitModel>.Show(new SubmitModel
        {
            Context = context,
            Completeness = ScoringEngine.Score(context.Definition, stored.Counted(), ScoringMode.Provisional).Completeness,
            Missing = Missing(context.Definition, stored, Culture),
            CanEdit = access.CanSubmit(user, context),
        });
    }

    /// <param name="confirmed">Sent by the confirmation page's button; a submit without it only leads to that page.</param>
    /// <remarks>
    /// Read, checked and submitted as one unit, tried again whole after a transient database error: a retry after a
    /// submit that did commit finds the submission submitted and changes nothing.
    /// </remarks>
    public Task<Outcome<OverviewModel>?> HandleAsync(int submissionId, bool confirmed, ClaimsPrincipal user) =>
        db.RetriedAsync(() => HandleOnceAsync(submissionId, confirmed, user));

    private async Task<Outcome<OverviewModel>?> HandleOnceAsync(int submissionId, bool confirmed, ClaimsPrincipal user)
    {
        var context = await access.FindAsync(submissionId, tracking: true);
        if (context is null) return null;
        if (!confirmed) return Outcome<OverviewModel>.GoTo(nameof(AssessmentsController.ConfirmSubmit), new { id = submissionId });
        if (!access.CanSubmit(user, context))
            return Outcome<OverviewModel>.Show(await overview.ModelAsync(context, user, error: L["This assessment cannot be submitted now."]), StatusCodes.Status422UnprocessableEntity);
        var (missing, error) = await SubmitAsync(context, user);
        if (missing.Count == 0 && error is null)
            return Outcome<OverviewModel>.GoTo(nameof(AssessmentsController.Overview), new { id = submissionId }, L["Assessment submitted. The COP Secretariat has been notified."]);
        // Read again: a refused submit may have been beaten by someone else's.
        return Outcome<OverviewModel>.Show(await overview.ModelAsync((await access.FindAsync(submissionId))!, user, missing,
            error ?? L["Some required questions are not answered yet."]), StatusCodes.Status422UnprocessableEntity);
    }

    private async Task<(IReadOnlyList<MissingAnswer> Missing, string? Error)> SubmitAsync(SubmissionContext context, ClaimsPrincipal user)
    {
        // The row lock makes the completeness check and the status change one step: a save in flight
        // finishes first and is counted, and a save arriving later sees the submission locked.
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM \"Submissions\" WHERE \"Id\" = {context.Id} FOR UPDATE");
        var missing = Missing(context.Definition, await db.LoadAnswersAsync(context.Id), Culture);
        if (missing.Count > 0) return (missing, null);
        var result = workflow.Apply(context, user, SubmissionAction.Submit, null);
        if (!result.Succeeded) return ([], result.Error);
        // What the Secretariat receives, kept so the next round's review shows what changed since.
        await db.TakeAsync(context.Id);
        await workflow.NotifyRoleAsync(Roles.Reviewer, L => (
            L["Assessment submitted: {0} ({1})", context.CountryName, Bidi.Isolate(context.CycleTitle)],
            $"{L["{0} submitted its assessment for {1}.", context.CountryName, Bidi.Isolate(context.CycleTitle)]}\n\n{L["Review it: {0}", workflow.Link(Links.Review(context.Id))]}\n"));
        result = await workflow.SaveAsync();
        if (!result.Succeeded) return ([], result.Error);
        await transaction.CommitAsync();
        return ([], null);
    }
}
