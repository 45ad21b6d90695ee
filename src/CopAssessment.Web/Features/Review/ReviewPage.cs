using CopAssessment.Web.Features.Assessments;
using QDomain = CopAssessment.Domain.Questionnaires.Domain;
using Question = CopAssessment.Domain.Questionnaires.Question;

namespace CopAssessment.Web.Features.Review;

/// <summary>Which questions the review page lists (<c>?show=</c>); anything else shows them all.</summary>
public enum ReviewFilter
{
    All,
    Changed,
    Comments,
    Evidence,
    Unanswered,
}

/// <summary>One question as the review page shows it: its answer, evidence and comment threads, and what changed since the previous submission.</summary>
public sealed class ReviewQuestion
{
    public required Question Question { get; init; }
    public StoredAnswer? Answer { get; init; }
    public required IReadOnlyList<EvidenceRow> Evidence { get; init; }
    public required IReadOnlyList<CommentRow> Comments { get; init; }

    /// <summary>The answer at the previous submission, when it differs from the answer now.</summary>
    public AnswerValue? Before { get; init; }
    public IReadOnlySet<long> AddedEvidence { get; init; } = new HashSet<long>();
    public IReadOnlyList<SnapshotEvidence> RemovedEvidence { get; init; } = [];

    /// <summary>Answered and applying at the previous submission, no longer applying now (an answer it depends on changed).</summary>
    public bool NoLongerApplies { get; init; }

    public bool Changed => Before is not null || NoLongerApplies || AddedEvidence.Count > 0 || RemovedEvidence.Count > 0;
    public int OpenThreads => Comments.Count(c => c.ParentId is null && !c.Resolved);
    public bool Unanswered => Answer?.Value.IsAnswered != true;

    public bool Matches(ReviewFilter filter) => filter switch
    {
        ReviewFilter.Changed => Changed,
        ReviewFilter.Comments => OpenThreads > 0,
        ReviewFilter.Evidence => Evidence.Count > 0,
        ReviewFilter.Unanswered => Unanswered && !NoLongerApplies,
        _ => true,
    };
}

/// <summary>A section of the review page: its questions that apply now.</summary>
public sealed record ReviewSection(QDomain Domain, IReadOnlyList<ReviewQuestion> Questions)
{
    public int Count(ReviewFilter filter) => Questions.Count(q => q.Matches(filter));
}

public sealed class ReviewModel
{
    public required SubmissionContext Context { get; init; }
    public required IReadOnlyList<ReviewSection> Sections { get; init; }
    public required ShownScorecard Shown { get; init; }

    /// <summary>The comments on the whole assessment (those on a question are shown beside it).</summary>
    public required IReadOnlyList<CommentRow> GeneralComments { get; init; }
    public required IReadOnlyList<SubmissionTransition> Timeline { get; init; }
    public required IReadOnlyList<SubmissionAction> Actions { get; init; }

    /// <summary>The latest changes of each question (at most <see cref="ReviewPage.RecentChangesShown"/>).</summary>
    public required ILookup<string, HistoryRow> History { get; init; }

    /// <summary>How many changes each question has had in all.</summary>
    public required IReadOnlyDictionary<string, int> HistoryCounts { get; init; }

    /// <summary>When the previous submission was made; null on a first submission (nothing to compare with).</summary>
    public DateTimeOffset? PreviousSubmission { get; init; }
    public ReviewFilter Filter { get; init; }

    /// <summary>The question whose comment form is open (the no-JavaScript path of "Comment on this question").</summary>
    public string? CommentOn { get; init; }

    /// <summary>The question a comment was just posted from: its confirmation is shown there.</summary>
    public string? At { get; init; }
    public string? Error { get; init; }

    /// <summary>A refused decision's text, shown again in its field with the reason beside it.</summary>
    public DecisionNote? Refused { get; init; }
    public string? RefusedError { get; init; }
    public string Culture { get; init; } = "en";

    /// <summary>Cycle id → title in the reader's language, for the answers carried unchanged from an earlier cycle.</summary>
    public IReadOnlyDictionary<int, string> CycleTitles { get; init; } = new Dictionary<int, string>();

    /// <summary>How many answers (of the questions that apply) are still the value carried from an earlier cycle.</summary>
    public int CarriedUnchanged => Sections.Sum(s => s.Questions.Count(q => q.Answer?.CarriedFromCycleId is not null && !q.NoLongerApplies));

    public string? TextOf(string field) => Refused?.Field == field ? Refused.Text : null;

    public string? ErrorOf(string field) => Refused?.Field == field ? RefusedError : null;

    public int Count(ReviewFilter filter) => Sections.Sum(s => s.Count(filter));

    /// <summary>The filter as the query string writes it, null for all.</summary>
    public static string? QueryValue(ReviewFilter filter) => filter == ReviewFilter.All ? null : filter.ToString().ToLowerInvariant();
}

/// <summary>What the review page is asked to show: <c>?show=changed&amp;comment=pg.1.4&amp;at=pg.1.4</c>.</summary>
public sealed record ReviewView(string? Show, string? Comment, string? At)
{
    public ReviewFilter Filter => Enum.TryParse<ReviewFilter>(Show, ignoreCase: true, out var filter) && Enum.IsDefined(filter) ? filter : ReviewFilter.All;
}

/// <summary>
/// The Secretariat's page of one submission: every answer with its evidence, comment threads and latest changes,
/// what changed since the previous submission (against the snapshot taken when it was submitted), filters, and the
/// decisions the workflow allows.
/// </summary>
public sealed class ReviewPage(CopDbContext db, AssessmentAccess access, SubmissionPage page, QuestionHistory history, CycleTitles cycleTitles)
{
    public const int RecentChangesShown = 5;

    public async Task<Outcome<ReviewModel>?> ShowAsync(int submissionId, ReviewView view, ClaimsPrincipal user) =>
        await access.FindAsync(submissionId) is { } context ? Outcome<ReviewModel>.Show(await ModelAsync(context, user, view: view)) : null;

    public async Task<ReviewModel> ModelAsync(SubmissionContext context, ClaimsPrincipal user, string? error = null, DecisionNote? refused = null,
        string? refusedError = null, ReviewView? view = null)
    {
        var answers = await db.LoadAnswersAsync(context.Id);
        var values = answers.Values();
        var hidden = QuestionVisibility.HiddenQuestions(context.Definition, values);
        // Autosave writes a history row per change: the page shows the latest few per question and links to the rest.
        var recent = await history.RecentAsync(context.Id, RecentChangesShown);
        var evidence = await page.EvidenceAsync(context.Id);
        var comments = await page.CommentsAsync(context.Id);
        var threads = comments.ToLookup(c => c.QuestionKey);
        var previous = await db.PreviousSubmissionAsync(context.Id, context.Submission.Status);
        var before = previous?.Evidence.ToLookup(e => e.QuestionKey);
        var hiddenBefore = previous is null ? null : QuestionVisibility.HiddenQuestions(context.Definition, previous.Answers);
        // A question that applied and was answered at the previous submission but no longer applies is a change too.
        bool Dropped(string key) => hiddenBefore is not null && !hiddenBefore.Contains(key) && previous!.Answers.GetValueOrDefault(key)?.IsAnswered == true;
        var sections = context.Definition.Domains.Select(d => new ReviewSection(d, [.. d.Capabilities.SelectMany(k => k.Questions)
            .Where(q => !hidden.Contains(q.Key) || Dropped(q.Key))
            .Select(q =>
            {
                var answer = answers.GetValueOrDefault(q.Key);
                var items = evidence[q.Key].ToList();
                var then = previous is null ? null : previous.Answers.GetValueOrDefault(q.Key) ?? AnswerValue.None;
                var dropped = hidden.Contains(q.Key);
                var thenEvidence = before?[q.Key].ToList() ?? [];
                return new ReviewQuestion
                {
                    Question = q, Answer = answer, Evidence = items, Comments = [.. threads[q.Key]],
                    Before = then is not null && (dropped || !then.Equals(answer?.Value ?? AnswerValue.None)) ? then : null,
                    NoLongerApplies = dropped,
                    AddedEvidence = previous is null ? new HashSet<long>() : items.Select(e => e.Id).Except(thenEvidence.Select(e => e.Id)).ToHashSet(),
                    RemovedEvidence = [.. thenEvidence.Where(e => items.All(i => i.Id != e.Id))],
                };
            })])).ToList();
        var actor = AssessmentAccess.ActorOf(user) ?? Actor.Reviewer;
        return new ReviewModel
        {
            Context = context, Sections = sections, Shown = SubmissionScores.For(context, values),
            GeneralComments = [.. threads[null]],
            Timeline = await page.TimelineAsync(context.Id),
            Actions = SubmissionWorkflow.AvailableActions(context.Submission.Status, actor, context.Cycle.Status),
            Error = error, Refused = refused, RefusedError = refusedError, Culture = CultureInfo.CurrentUICulture.Name,
            History = recent.Latest, HistoryCounts = recent.Counts,
            PreviousSubmission = previous?.TakenAt, Filter = view?.Filter ?? ReviewFilter.All,
            CommentOn = context.Definition.FindQuestion(view?.Comment ?? "")?.Key, At = view?.At,
            CycleTitles = answers.Values.Any(a => a.CarriedFromCycleId is not null) ? await cycleTitles.InLanguageAsync() : new Dictionary<int, string>(),
        };
    }
}
