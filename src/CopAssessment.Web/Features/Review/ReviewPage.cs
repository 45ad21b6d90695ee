using CopAssessment.Web.Features.Assessments;

namespace CopAssessment.Web.Features.Review;

public sealed class ReviewModel
{
    public required SubmissionContext Context { get; init; }
    public required Dictionary<string, StoredAnswer> Answers { get; init; }
    public required IReadOnlySet<string> Hidden { get; init; }
    public required ShownScorecard Shown { get; init; }
    public required ILookup<string, EvidenceRow> Evidence { get; init; }
    public required IReadOnlyList<CommentRow> Comments { get; init; }
    public required IReadOnlyList<SubmissionTransition> Timeline { get; init; }
    public required IReadOnlyList<SubmissionAction> Actions { get; init; }
    /// <summary>The latest changes of each question (at most <see cref="ReviewPage.RecentChangesShown"/>).</summary>
    public required ILookup<string, HistoryRow> History { get; init; }

    /// <summary>How many changes each question has had in all.</summary>
    public required IReadOnlyDictionary<string, int> HistoryCounts { get; init; }
    public string? Error { get; init; }

    /// <summary>A refused decision's text, shown again in its field with the reason beside it.</summary>
    public DecisionNote? Refused { get; init; }
    public string? RefusedError { get; init; }
    public string Culture { get; init; } = "en";

    public string? TextOf(string field) => Refused?.Field == field ? Refused.Text : null;

    public string? ErrorOf(string field) => Refused?.Field == field ? RefusedError : null;
}

/// <summary>The Secretariat's page of one submission: every answer with its evidence and latest changes, and the decisions the workflow allows.</summary>
public sealed class ReviewPage(CopDbContext db, AssessmentAccess access, SubmissionPage page, QuestionHistory history)
{
    public const int RecentChangesShown = 5;

    public async Task<Outcome<ReviewModel>?> ShowAsync(int submissionId, ClaimsPrincipal user) =>
        await access.FindAsync(submissionId) is { } context ? Outcome<ReviewModel>.Show(await ModelAsync(context, user)) : null;

    public async Task<ReviewModel> ModelAsync(SubmissionContext context, ClaimsPrincipal user, string? error = null, DecisionNote? refused = null, string? refusedError = null)
    {
        var answers = await db.LoadAnswersAsync(context.Id);
        var values = answers.Values();
        // Autosave writes a history row per change: the page shows the latest few per question and links to the rest.
        var recent = await history.RecentAsync(context.Id, RecentChangesShown);
        var actor = AssessmentAccess.ActorOf(user) ?? Actor.Reviewer;
        return new ReviewModel
        {
            Context = context, Answers = answers, Hidden = QuestionVisibility.HiddenQuestions(context.Definition, values),
            Shown = SubmissionScores.For(context, values),
            Evidence = await page.EvidenceAsync(context.Id),
            Comments = await page.CommentsAsync(context.Id),
            Timeline = await page.TimelineAsync(context.Id),
            Actions = SubmissionWorkflow.AvailableActions(context.Submission.Status, actor, context.Cycle.Status),
            Error = error, Refused = refused, RefusedError = refusedError, Culture = CultureInfo.CurrentUICulture.Name,
            History = recent.Latest, HistoryCounts = recent.Counts,
        };
    }
}
