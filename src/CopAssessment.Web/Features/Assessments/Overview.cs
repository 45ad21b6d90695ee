using QDomain = CopAssessment.Domain.Questionnaires.Domain;

namespace CopAssessment.Web.Features.Assessments;

/// <summary>One section on the overview: who is assigned (national contributors), progress, and the latest change.</summary>
public sealed record SectionRow(QDomain Domain, Completeness Progress, IReadOnlyList<string> Assigned, string? LastBy, DateTimeOffset? LastAt);

public sealed class OverviewModel
{
    public required SubmissionContext Context { get; init; }
    public required ShownScorecard Shown { get; init; }
    public required IReadOnlyList<CommentRow> Comments { get; init; }
    public required IReadOnlyList<SubmissionTransition> Timeline { get; init; }
    public IReadOnlyList<MissingAnswer> Missing { get; init; } = [];
    public string? Error { get; init; }
    /// <summary>May submit (the submit button); a national contributor never does.</summary>
    public bool CanEdit { get; init; }
    public bool MayComment { get; init; }
    public bool IsContributor { get; init; }
    public IReadOnlyList<SectionRow> Sections { get; init; } = [];
}

/// <summary>A submission's overview: its scorecard, sections, comments and timeline; submitting starts here.</summary>
public sealed class Overview(CopDbContext db, AssessmentAccess access, SubmissionPage page)
{
    public async Task<Outcome<OverviewModel>?> ShowAsync(int submissionId, ClaimsPrincipal user) =>
        await access.FindAsync(submissionId) is { } context ? Outcome<OverviewModel>.Show(await ModelAsync(context, user)) : null;

    public async Task<OverviewModel> ModelAsync(SubmissionContext context, ClaimsPrincipal user, IReadOnlyList<MissingAnswer>? missing = null, string? error = null)
    {
        var answers = await db.LoadAnswersAsync(context.Id);
        var shown = SubmissionScores.For(context, answers.Counted());
        return new()
        {
            Context = context,
            Shown = shown,
            Comments = [.. (await page.CommentsAsync(context.Id)).Where(c => c.QuestionKey is null || access.Shows(context, c.QuestionKey))],
            Timeline = await page.TimelineAsync(context.Id),
            Missing = missing ?? [],
            Error = error,
            CanEdit = access.CanSubmit(user, context),
            MayComment = access.MayComment(user),
            IsContributor = access.IsContributor,
            Sections = await SectionsAsync(context, answers),
        };
    }

    /// <summary>Every section the person sees, with its contributors (by name), progress, and who changed it last.</summary>
    private async Task<IReadOnlyList<SectionRow>> SectionsAsync(SubmissionContext context, Dictionary<string, StoredAnswer> answers)
    {
        var definition = context.Definition;
        var country = context.Submission.CountryIso3;
        var assigned = await db.ContributorAssignments.AsNoTracking().Where(a => a.CountryIso3 == country)
            .Select(a => new { a.SectionKey, Name = a.User!.DisplayName ?? a.User.Email ?? "" }).ToListAsync();
        var scorecard = ScoringEngine.Score(definition, answers.Counted(), ScoringMode.Provisional);
        return [.. definition.Domains.Where(access.Shows).Select(d =>
        {
            var keys = d.Capabilities.Select(k => k.Key).Append(d.Key).ToHashSet(StringComparer.Ordinal);
            var last = answers.Values.Where(a => definition.DomainOf(a.Key)?.Key == d.Key).MaxBy(a => a.UpdatedAt);
            return new SectionRow(d, scorecard.FindDomain(d.Key)!.Completeness,
                [.. assigned.Where(a => keys.Contains(a.SectionKey)).Select(a => a.Name).Distinct().Order(StringComparer.Ordinal)], last?.UpdatedBy, last?.UpdatedAt);
        })];
    }
}
