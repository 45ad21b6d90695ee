namespace CopAssessment.Web.Features.Assessments;

public sealed class OverviewModel
{
    public required SubmissionContext Context { get; init; }
    public required ShownScorecard Shown { get; init; }
    public required IReadOnlyList<CommentRow> Comments { get; init; }
    public required IReadOnlyList<SubmissionTransition> Timeline { get; init; }
    public IReadOnlyList<MissingAnswer> Missing { get; init; } = [];
    public string? Error { get; init; }
    public bool CanEdit { get; init; }
    public bool MayComment { get; init; }
}

/// <summary>A submission's overview: its scorecard, sections, comments and timeline; submitting starts here.</summary>
public sealed class Overview(CopDbContext db, AssessmentAccess access, SubmissionPage page)
{
    public async Task<Outcome<OverviewModel>?> ShowAsync(int submissionId, ClaimsPrincipal user) =>
        await access.FindAsync(submissionId) is { } context ? Outcome<OverviewModel>.Show(await ModelAsync(context, user)) : null;

    public async Task<OverviewModel> ModelAsync(SubmissionContext context, ClaimsPrincipal user, IReadOnlyList<MissingAnswer>? missing = null, string? error = null) => new()
    {
        Context = context,
        Shown = SubmissionScores.For(context, await db.LoadAnswerValuesAsync(context.Id)),
        Comments = await page.CommentsAsync(context.Id),
        Timeline = await page.TimelineAsync(context.Id),
        Missing = missing ?? [],
        Error = error,
        CanEdit = access.CanEdit(user, context),
        MayComment = access.MayComment(user),
    };
}
