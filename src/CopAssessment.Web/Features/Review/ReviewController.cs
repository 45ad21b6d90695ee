using System.Globalization;
using CopAssessment.Domain.Scoring;
using CopAssessment.Domain.Workflow;
using CopAssessment.Web.Data;
using CopAssessment.Web.Data.Assessments;
using CopAssessment.Web.Features.Assessments;
using CopAssessment.Web.Infrastructure.Localization;
using CopAssessment.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CopAssessment.Web.Features.Review;

public sealed record QueueRow(int Id, string CycleName, string Iso3, string CountryName, string Region, SubmissionStatus Status, DateTimeOffset? SubmittedAt, int OpenComments);

public sealed class QueueModel
{
    public required IReadOnlyList<QueueRow> Rows { get; init; }
    public required IReadOnlyList<(int Id, string Name)> Cycles { get; init; }
    /// <summary>Regions by code with their (English, translated by the view) names: the filter and the rows show names, not codes.</summary>
    public required IReadOnlyList<(string Code, string Name)> Regions { get; init; }
    public IReadOnlyDictionary<string, string> RegionNames => Regions.ToDictionary(r => r.Code, r => r.Name);
    public int? Cycle { get; init; }
    public string? Region { get; init; }
    public SubmissionStatus? Status { get; init; }
    public int? MinAgeDays { get; init; }
}

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
    /// <summary>The latest changes of each question (at most <see cref="ReviewController.RecentChangesShown"/>).</summary>
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

[Authorize(Policy = Policies.Secretariat)]
[Route("review")]
public class ReviewController(CopDbContext db, AssessmentAccess access, AnswerStore store, SubmissionTransitions transitions, IStringLocalizer<Ui> L) : Controller
{
    private static string Culture => CultureInfo.CurrentUICulture.Name;

    /// <summary>Submissions of cycles the Secretariat still reviews (open or closed).</summary>
    public static IQueryable<Submission> InReviewableCycles(IQueryable<Submission> submissions) =>
        submissions.Where(s => s.Cycle!.Status == CycleStatus.Open || s.Cycle.Status == CycleStatus.Closed);

    /// <summary>What waits for the Secretariat: the queue's default and the dashboard's count.</summary>
    public static IQueryable<Submission> WaitingForReview(IQueryable<Submission> submissions) =>
        submissions.Where(s => s.Status == SubmissionStatus.Submitted || s.Status == SubmissionStatus.InReview);

    [HttpGet("")]
    public async Task<IActionResult> Queue(int? cycle, string? region, SubmissionStatus? status, int? age)
    {
        var query = InReviewableCycles(db.Set<Submission>().AsNoTracking());
        if (cycle is not null) query = query.Where(s => s.CycleId == cycle);
        if (!string.IsNullOrEmpty(region)) query = query.Where(s => s.Country!.RegionCode == region);
        // By default the queue is what waits for the Secretariat.
        query = status is not null ? query.Where(s => s.Status == status) : WaitingForReview(query);
        if (age is > 0)
        {
            var before = DateTimeOffset.UtcNow.AddDays(-age.Value);
            query = query.Where(s => s.SubmittedAt != null && s.SubmittedAt <= before);
        }
        var rows = await query.OrderBy(s => s.SubmittedAt).ThenBy(s => s.Country!.Name).Take(500)
            .Select(s => new QueueRow(s.Id, s.Cycle!.Name, s.CountryIso3, s.Country!.Name, s.Country.RegionCode, s.Status, s.SubmittedAt,
                db.Set<ReviewComment>().Count(c => c.SubmissionId == s.Id && !c.Resolved && c.ParentId == null)))
            .ToListAsync();
        var cycles = (await db.Set<AssessmentCycle>().OrderByDescending(c => c.Deadline).Select(c => new { c.Id, c.Name }).ToListAsync())
            .Select(c => (c.Id, c.Name)).ToList();
        return View("Queue", new QueueModel
        {
            Rows = rows, Cycles = cycles, Regions = (await db.Regions.OrderBy(r => r.Name).Select(r => new { r.Code, r.Name }).ToListAsync()).Select(r => (r.Code, r.Name)).ToList(),
            Cycle = cycle, Region = region, Status = status, MinAgeDays = age,
        });
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Review(int id)
    {
        var context = await access.FindAsync(id);
        return context is null ? NotFound() : View("Review", await ModelAsync(context));
    }

    [HttpPost("{id:int}/return")]
    public async Task<IActionResult> Return(int id, string? note) =>
        await Act(id, new DecisionNote("note", note), (context) => transitions.ReturnAsync(context, User, note), "Returned to the country for revision.");

    [HttpPost("{id:int}/validate")]
    public async Task<IActionResult> Validate(int id, string? note) =>
        await Act(id, new DecisionNote("note", note), (context) => transitions.ValidateAsync(context, User, note), "Assessment validated; its score is stored.");

    [HttpPost("{id:int}/reopen")]
    [Authorize(Policy = Policies.Administration)]
    public async Task<IActionResult> Reopen(int id, string? reason) =>
        await Act(id, new DecisionNote("reason", reason), (context) => transitions.ReopenAsync(context, User, reason), "Assessment reopened.");

    private async Task<IActionResult> Act(int id, DecisionNote note, Func<SubmissionContext, Task<TransitionResult>> work, string done)
    {
        var context = await access.FindAsync(id, tracking: true);
        if (context is null) return NotFound();
        if (new DecisionNoteValidator(L).Validate(note) is { IsValid: false } invalid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Review", await ModelAsync(context, L["The decision was not recorded: correct the text and try again."], note, invalid.Errors[0].ErrorMessage));
        }
        var result = await work(context);
        if (result.Succeeded)
        {
            TempData["Message"] = L[done].Value;
            return RedirectToAction(nameof(Review), new { id });
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View("Review", await ModelAsync((await access.FindAsync(id))!, L[result.Error ?? ""]));
    }

    public const int RecentChangesShown = 5;

    private sealed class RecentChange
    {
        public required string QuestionKey { get; init; }
        public string? OldValue { get; init; }
        public required string NewValue { get; init; }
        public required string ChangedBy { get; init; }
        public DateTimeOffset ChangedAt { get; init; }
        public long Total { get; init; }
    }

    private async Task<ReviewModel> ModelAsync(SubmissionContext context, string? error = null, DecisionNote? refused = null, string? refusedError = null)
    {
        var answers = await store.LoadAsync(context.Id);
        var values = AnswerStore.Values(answers);
        var evidence = await db.Set<Evidence>().AsNoTracking().Where(e => e.SubmissionId == context.Id).OrderBy(e => e.AddedAt)
            .Select(e => new EvidenceRow(e.Id, e.QuestionKey, e.FileName, e.Url, e.Size, e.Sha256, e.AddedBy, e.AddedAt)).ToListAsync();
        // Autosave writes a history row per change: the page shows the latest few per question and links to the rest.
        var history = await db.Database.SqlQuery<RecentChange>($"""
            SELECT "QuestionKey", "OldValue"::text AS "OldValue", "NewValue"::text AS "NewValue", "ChangedBy", "ChangedAt", "Total" FROM (
                SELECT h.*, row_number() OVER (PARTITION BY "QuestionKey" ORDER BY "ChangedAt" DESC, "Id" DESC) AS "Rank",
                       count(*) OVER (PARTITION BY "QuestionKey") AS "Total"
                FROM "AnswerHistory" h WHERE "SubmissionId" = {context.Id}) recent
            WHERE "Rank" <= {RecentChangesShown}
            ORDER BY "ChangedAt" DESC, "Rank"
            """).ToListAsync();
        var actor = AssessmentAccess.ActorOf(User) ?? Actor.Reviewer;
        var actions = SubmissionWorkflow.AvailableActions(context.Submission.Status, actor, context.Cycle.Status).ToList();
        // Return and validate take a submitted assessment into review on the way.
        if (context.Submission.Status == SubmissionStatus.Submitted && actions.Contains(SubmissionAction.StartReview))
            actions.AddRange([SubmissionAction.Return, SubmissionAction.Validate]);
        return new ReviewModel
        {
            Context = context, Answers = answers, Hidden = QuestionVisibility.HiddenQuestions(context.Definition, values),
            Shown = SubmissionScores.For(context, values),
            Evidence = evidence.ToLookup(e => e.QuestionKey),
            Comments = await db.Set<ReviewComment>().AsNoTracking().Where(c => c.SubmissionId == context.Id).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
                .Select(c => new CommentRow(c.Id, c.QuestionKey, c.ParentId, c.Body, c.AuthorName, c.FromSecretariat, c.CreatedAt, c.Resolved)).ToListAsync(),
            Timeline = await db.Set<SubmissionTransition>().AsNoTracking().Where(t => t.SubmissionId == context.Id).OrderBy(t => t.At).ToListAsync(),
            Actions = actions, Error = error, Refused = refused, RefusedError = refusedError, Culture = Culture,
            History = history.ToLookup(h => h.QuestionKey, h => new HistoryRow(h.OldValue, h.NewValue, h.ChangedBy, h.ChangedAt)),
            HistoryCounts = history.GroupBy(h => h.QuestionKey).ToDictionary(g => g.Key, g => (int)g.First().Total),
        };
    }
}
