using System.Globalization;
using CopAssessment.Domain.Answers;
using CopAssessment.Domain.Scoring;
using CopAssessment.Domain.Workflow;
using CopAssessment.Web.Data;
using CopAssessment.Web.Data.Assessments;
using CopAssessment.Web.Features.Questionnaires;
using CopAssessment.Web.Infrastructure.Localization;
using CopAssessment.Web.Infrastructure.Security;
using CopAssessment.Web.Infrastructure.Uploads;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CopAssessment.Web.Features.Assessments;

[Authorize(Policy = Policies.CountryData)]
[Route("assessments")]
public class AssessmentsController(CopDbContext db, UserScope scope, AssessmentAccess access, AnswerStore store,
    EvidenceStore evidence, SubmissionTransitions transitions, IStringLocalizer<Ui> L) : Controller
{
    private static string Culture => CultureInfo.CurrentUICulture.Name;
    private string Who => User.Identity?.Name ?? "";

    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] QuestionnaireCatalog catalog) => View("Index", await SubmissionList.LoadAsync(db, scope, catalog));

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Overview(int id)
    {
        var context = await access.FindAsync(id);
        return context is null ? NotFound() : View("Overview", await OverviewAsync(context));
    }

    /// <summary>
    /// The confirmation step: submitting locks the assessment, so the page says what will happen and asks again.
    /// It works without JavaScript; the Submit button of the overview leads here.
    /// </summary>
    [HttpGet("{id:int}/submit")]
    public async Task<IActionResult> ConfirmSubmit(int id)
    {
        var context = await access.FindAsync(id);
        if (context is null) return NotFound();
        var values = AnswerStore.Values(await store.LoadAsync(id));
        return View("Submit", new SubmitModel
        {
            Context = context,
            Completeness = ScoringEngine.Score(context.Definition, values, ScoringMode.Provisional).Completeness,
            Missing = SubmissionTransitions.Missing(context.Definition, values, Culture),
            CanEdit = access.CanEdit(User, context),
        });
    }

    /// <param name="confirmed">Sent by the confirmation page's button; a submit without it only leads to that page.</param>
    [HttpPost("{id:int}/submit")]
    public async Task<IActionResult> Submit(int id, [FromForm] bool confirmed = false)
    {
        var context = await access.FindAsync(id, tracking: true);
        if (context is null) return NotFound();
        if (!confirmed) return RedirectToAction(nameof(ConfirmSubmit), new { id });
        if (!access.CanEdit(User, context))
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Overview", await OverviewAsync(context, error: L["This assessment cannot be submitted now."]));
        }
        var result = await transitions.SubmitAsync(context, User, Culture);
        if (!result.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            // Read again: a refused submit may have been beaten by someone else's.
            return View("Overview", await OverviewAsync((await access.FindAsync(id))!, result.Missing,
                result.Error is null ? L["Some required questions are not answered yet."] : L[result.Error]));
        }
        TempData["Message"] = L["Assessment submitted. The COP Secretariat has been notified."].Value;
        return RedirectToAction(nameof(Overview), new { id });
    }

    /// <param name="evidence">A question whose evidence panel opens (after attaching, or a refused attachment).</param>
    [HttpGet("{id:int}/{domain}")]
    public async Task<IActionResult> Domain(int id, string domain, [FromQuery] string? evidence)
    {
        var context = await access.FindAsync(id);
        var section = context?.Definition.Domains.FirstOrDefault(d => d.Key == domain);
        if (context is null || section is null) return NotFound();
        var errors = new Dictionary<string, string>();
        if (evidence is not null && TempData[EvidenceErrorKey] is string refused) errors["evidence:" + evidence] = refused;
        var page = await PageAsync(context, section.Key, await store.LoadAsync(id), errors);
        page.OpenEvidence = evidence;
        return View("Domain", page);
    }

    private const string EvidenceErrorKey = "EvidenceError";

    /// <summary>The no-JavaScript path: every answer on the page in one form; same rules as autosave.</summary>
    [HttpPost("{id:int}/{domain}")]
    public async Task<IActionResult> SaveDomain(int id, string domain)
    {
        var context = await access.FindAsync(id);
        var section = context?.Definition.Domains.FirstOrDefault(d => d.Key == domain);
        if (context is null || section is null) return NotFound();
        if (!access.CanEdit(User, context)) return Forbid();
        var answers = await store.LoadAsync(id);
        var form = await Request.ReadFormAsync();
        var errors = new Dictionary<string, string>();
        var conflicts = new Dictionary<string, ConflictInfo>();
        var typed = new Dictionary<string, AnswerValue>();
        // Relevance order, so a follow-up is saved once the answer that reveals it is in.
        foreach (var question in context.Definition.RelevanceOrder.Where(q => context.Definition.DomainOf(q.Key)?.Key == section.Key))
        {
            if (!form.TryGetValue("v:" + question.Key, out var versionText) || !uint.TryParse(versionText, out var version)) continue;
            var raw = form.TryGetValue("a:" + question.Key, out var posted) ? (IReadOnlyList<string?>)posted.ToArray() : [];
            if (form.ContainsKey("conflict:" + question.Key))
            {
                // The page showed a conflict here: keep theirs (save nothing), use mine (save over the version
                // shown), or, with no choice made, show the conflict again rather than decide for the person.
                var choice = form["resolve:" + question.Key].ToString();
                if (choice == "theirs") continue;
                if (choice != "mine" && answers.TryGetValue(question.Key, out var theirs) && theirs.Version == version)
                {
                    var yours = ConstraintChecker.Parse(question, raw, Culture).Value;
                    if (!yours.Equals(theirs.Value))
                    {
                        conflicts[question.Key] = new ConflictInfo(yours, theirs.Value, theirs.UpdatedBy, theirs.UpdatedAt);
                        typed[question.Key] = yours;
                        continue;
                    }
                }
            }
            var result = await store.SaveAsync(context.Target, question, raw, version, Who, Culture, answers);
            switch (result.Outcome)
            {
                case SaveOutcome.Locked:
                    // Submitted (or closed) while this page was being saved: nothing more can be saved.
                    errors[question.Key] = L["This assessment is read-only now."];
                    typed[question.Key] = ConstraintChecker.Parse(question, raw, Culture).Value;
                    break;
                case SaveOutcome.Invalid:
                    errors[question.Key] = result.Error!;
                    typed[question.Key] = ConstraintChecker.Parse(question, raw, Culture).Value;
                    break;
                case SaveOutcome.Conflict:
                    var yours = ConstraintChecker.Parse(question, raw, Culture).Value;
                    conflicts[question.Key] = new ConflictInfo(yours, result.Theirs!, result.TheirsBy!, result.TheirsAt!.Value);
                    typed[question.Key] = yours;
                    break;
            }
        }
        if (errors.Count == 0 && conflicts.Count == 0)
        {
            TempData["Message"] = L["Your answers are saved."].Value;
            return Redirect($"/assessments/{id}/{section.Key}");
        }
        Response.StatusCode = conflicts.Count > 0 ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
        return View("Domain", await PageAsync(context, section.Key, answers, errors, conflicts, typed));
    }

    /// <summary>Autosave of one answer (JavaScript). 409 carries theirs and yours: the page lets the person choose.</summary>
    [HttpPost("{id:int}/answers")]
    public async Task<IActionResult> SaveAnswer(int id, [FromForm] string key, [FromForm] uint version, [FromForm(Name = "value")] string[]? value)
    {
        // The busiest endpoint: one read and one write round trip (see AnswerStore), with the same scope
        // rule as every other page — another country's submission is not found.
        var opened = await store.OpenForSaveAsync(id, key ?? "", scope);
        if (opened is null) return NotFound();
        var (target, answers) = opened.Value;
        var question = target.Definition.FindQuestion(key ?? "");
        if (question is null) return NotFound();
        var locked = new { outcome = "locked", error = L["This assessment is read-only now."].Value };
        if (!access.CanEdit(User, target.Status, target.CycleStatus)) return StatusCode(StatusCodes.Status403Forbidden, locked);
        var raw = (IReadOnlyList<string?>?)value ?? [];
        var result = await store.SaveAsync(target, question, raw, version, Who, Culture, answers);
        if (result.Outcome == SaveOutcome.Locked) return StatusCode(StatusCodes.Status403Forbidden, locked);
        // When other questions read this one, all answers were read: send back which questions are now hidden.
        var hidden = AnswerDependencies.For(target.Definition).IsReadByOthers(question.Key)
            ? QuestionVisibility.HiddenQuestions(target.Definition, AnswerStore.Values(answers)) : null;
        return result.Outcome switch
        {
            SaveOutcome.Saved or SaveOutcome.Unchanged => Json(new { outcome = result.Outcome == SaveOutcome.Saved ? "saved" : "unchanged", version = result.Version, hidden }),
            SaveOutcome.Invalid => UnprocessableEntity(new { outcome = "invalid", error = result.Error, version = result.Version, hidden }),
            SaveOutcome.Hidden => UnprocessableEntity(new { outcome = "hidden", error = L["This question does not apply given your other answers."].Value, version = result.Version, hidden }),
            _ => Conflict(new
            {
                outcome = "conflict",
                version = result.Version,
                theirs = new { value = result.Theirs, display = AnswerJson.Display(question, result.Theirs!, Culture), by = result.TheirsBy, at = result.TheirsAt },
                yours = new { display = AnswerJson.Display(question, ConstraintChecker.Parse(question, raw, Culture).Value, Culture) },
                hidden,
            }),
        };
    }

    [HttpGet("{id:int}/history/{key}")]
    public async Task<IActionResult> History(int id, string key)
    {
        var context = await access.FindAsync(id);
        var question = context?.Definition.FindQuestion(key);
        if (context is null || question is null) return NotFound();
        var rows = await db.Set<AnswerHistory>().AsNoTracking().Where(h => h.SubmissionId == id && h.QuestionKey == key)
            .OrderByDescending(h => h.ChangedAt).ThenByDescending(h => h.Id)
            .Select(h => new HistoryRow(h.OldValue, h.NewValue, h.ChangedBy, h.ChangedAt)).ToListAsync();
        return View("History", new HistoryModel { Context = context, Question = question, Rows = rows, Culture = Culture });
    }

    [HttpPost("{id:int}/evidence")]
    public async Task<IActionResult> AddEvidence(int id, [FromForm] string questionKey, IFormFile? file, [FromForm] string? url)
    {
        var context = await access.FindAsync(id);
        var question = context?.Definition.FindQuestion(questionKey ?? "");
        if (context is null || question is null) return NotFound();
        if (!access.CanEdit(User, context)) return Forbid();
        string? error = file is { Length: > 0 } ? await evidence.AddFileAsync(context, question.Key, file, Who)
            : !string.IsNullOrWhiteSpace(url) ? await evidence.AddUrlAsync(context, question.Key, url, Who)
            : "Choose a file or enter a web address.";
        // Post/redirect/get either way: back to the question with its evidence panel open, showing the new item or
        // the reason it was refused, on a page that can be reloaded.
        if (error is not null) TempData[EvidenceErrorKey] = L[error].Value;
        else TempData["Message"] = L["Evidence added."].Value;
        return Redirect(EvidencePanel(context, question.Key));
    }

    /// <summary>The question on its domain page, with its evidence panel open.</summary>
    private string EvidencePanel(SubmissionContext context, string questionKey) =>
        Url.Action(nameof(Domain), new { id = context.Id, domain = context.Definition.DomainOf(questionKey)?.Key, evidence = questionKey }) + "#" + QuestionRendering.Id(questionKey);

    [HttpGet("{id:int}/evidence/{evidenceId:long}")]
    public async Task<IActionResult> Evidence(int id, long evidenceId)
    {
        // The submission is looked up in scope first: another country's evidence id is not found.
        if (await access.FindAsync(id) is null) return NotFound();
        var item = await db.Set<Evidence>().AsNoTracking().Where(e => e.Id == evidenceId && e.SubmissionId == id)
            .Select(e => new { e.FileName, e.ContentType, e.Url }).SingleOrDefaultAsync();
        if (item is null) return NotFound();
        if (item.Url is not null) return Redirect(item.Url);
        var content = await db.Set<EvidenceFile>().AsNoTracking().Where(f => f.EvidenceId == evidenceId).Select(f => f.Content).SingleAsync();
        return new StoredFileResult(content, item.ContentType, item.FileName, "evidence");
    }

    [HttpPost("{id:int}/evidence/{evidenceId:long}/delete")]
    public async Task<IActionResult> DeleteEvidence(int id, long evidenceId)
    {
        var context = await access.FindAsync(id);
        if (context is null) return NotFound();
        var item = await db.Set<Evidence>().SingleOrDefaultAsync(e => e.Id == evidenceId && e.SubmissionId == id);
        if (item is null) return NotFound();
        if (!access.CanEdit(User, context)) return Forbid();
        db.Remove(item);
        HttpContext.RequestServices.GetRequiredService<Audit>().Record("evidence-removed", $"submission {id} {item.QuestionKey}", item.FileName ?? item.Url, context.Submission.CountryIso3);
        await db.SaveChangesAsync();
        return Redirect(EvidencePanel(context, item.QuestionKey));
    }

    [HttpPost("{id:int}/comments")]
    public async Task<IActionResult> Comment(int id, [FromForm] string? body, [FromForm] string? questionKey, [FromForm] long? parentId, [FromForm] string? returnUrl)
    {
        var context = await access.FindAsync(id);
        if (context is null) return NotFound();
        if (!access.MayComment(User)) return Forbid();
        if (questionKey is not null && context.Definition.FindQuestion(questionKey) is null) return NotFound();
        if (parentId is not null)
        {
            var parent = await db.Set<ReviewComment>().Where(c => c.Id == parentId && c.SubmissionId == id).Select(c => new { c.QuestionKey }).SingleOrDefaultAsync();
            if (parent is null) return NotFound();
            questionKey = parent.QuestionKey;
        }
        body = body?.Trim();
        if (!string.IsNullOrEmpty(body) && body.Length <= TextLimits.Note)
        {
            var secretariat = User.IsInRole(Roles.Administrator) || User.IsInRole(Roles.Reviewer);
            db.Set<ReviewComment>().Add(new ReviewComment
            {
                SubmissionId = id, QuestionKey = questionKey, ParentId = parentId, Body = body, AuthorEmail = Who,
                AuthorName = User.FindFirst(CopClaims.DisplayName)?.Value ?? Who, FromSecretariat = secretariat,
            });
            HttpContext.RequestServices.GetRequiredService<Audit>().Record("comment-added", $"submission {id} {questionKey}", body.Length > 200 ? body[..200] : body, context.Submission.CountryIso3);
            await db.SaveChangesAsync();
            TempData["Message"] = L["Comment added."].Value;
        }
        else
        {
            TempData["Message"] = L["A comment needs 1 to {0} characters.", TextLimits.Note].Value;
        }
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : $"/assessments/{id}");
    }

    [HttpPost("{id:int}/comments/{commentId:long}/resolve")]
    [Authorize(Policy = Policies.Secretariat)]
    public async Task<IActionResult> Resolve(int id, long commentId, [FromForm] string? returnUrl, [FromForm] bool reopen = false)
    {
        if (await access.FindAsync(id) is null) return NotFound();
        var comment = await db.Set<ReviewComment>().SingleOrDefaultAsync(c => c.Id == commentId && c.SubmissionId == id);
        if (comment is null) return NotFound();
        comment.Resolved = !reopen;
        comment.ResolvedAt = reopen ? null : DateTimeOffset.UtcNow;
        comment.ResolvedBy = reopen ? null : Who;
        await db.SaveChangesAsync();
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : $"/review/{id}");
    }

    private async Task<OverviewModel> OverviewAsync(SubmissionContext context, IReadOnlyList<MissingAnswer>? missing = null, string? error = null)
    {
        var values = AnswerStore.Values(await store.LoadAsync(context.Id));
        return new OverviewModel
        {
            Context = context,
            Shown = SubmissionScores.For(context, values),
            Comments = await CommentsAsync(context.Id),
            Timeline = await db.Set<SubmissionTransition>().AsNoTracking().Where(t => t.SubmissionId == context.Id).OrderBy(t => t.At).ToListAsync(),
            Missing = missing ?? [],
            Error = error,
            CanEdit = access.CanEdit(User, context),
            MayComment = access.MayComment(User),
        };
    }

    private Task<List<CommentRow>> CommentsAsync(int id) => db.Set<ReviewComment>().AsNoTracking().Where(c => c.SubmissionId == id)
        .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
        .Select(c => new CommentRow(c.Id, c.QuestionKey, c.ParentId, c.Body, c.AuthorName, c.FromSecretariat, c.CreatedAt, c.Resolved)).ToListAsync();

    private async Task<DomainPageModel> PageAsync(SubmissionContext context, string domainKey, Dictionary<string, StoredAnswer> answers,
        Dictionary<string, string>? errors = null, Dictionary<string, ConflictInfo>? conflicts = null, Dictionary<string, AnswerValue>? typed = null)
    {
        var evidenceRows = await db.Set<Evidence>().AsNoTracking().Where(e => e.SubmissionId == context.Id)
            .OrderBy(e => e.AddedAt).Select(e => new EvidenceRow(e.Id, e.QuestionKey, e.FileName, e.Url, e.Size, e.Sha256, e.AddedBy, e.AddedAt)).ToListAsync();
        var comments = await CommentsAsync(context.Id);
        var values = AnswerStore.Values(answers);
        return new DomainPageModel
        {
            Context = context,
            Section = context.Definition.Domains.First(d => d.Key == domainKey),
            Progress = ScoringEngine.Score(context.Definition, values, ScoringMode.Provisional).FindDomain(domainKey)!.Completeness,
            Answers = answers,
            Hidden = QuestionVisibility.HiddenQuestions(context.Definition, values),
            Evidence = evidenceRows.ToLookup(e => e.QuestionKey),
            Comments = comments.ToLookup(c => c.QuestionKey),
            Errors = errors ?? [],
            Conflicts = conflicts ?? [],
            Typed = typed ?? [],
            CanEdit = access.CanEdit(User, context),
            MayComment = access.MayComment(User),
            Culture = Culture,
            MaxUploadBytes = evidence.MaxBytes,
        };
    }
}
