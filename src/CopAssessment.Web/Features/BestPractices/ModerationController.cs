namespace CopAssessment.Web.Features.BestPractices;

/// <summary>The COP Secretariat's moderation queue and decisions.</summary>
[Authorize(Policy = Policies.Secretariat)]
[Route("best-practices/moderation")]
public class ModerationController(CopDbContext db, Moderation moderation, LibraryLookups lookups, IStringLocalizer<Ui> L) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Queue()
    {
        return View("Queue", new QueuePage(await moderation.QueueAsync(), await lookups.LoadAsync()));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Review(int id)
    {
        var page = await moderation.ReviewAsync(id, await lookups.LoadAsync());
        return page is null ? NotFound() : View("Review", page);
    }

    [HttpPost("{id:int}/decide")]
    public async Task<IActionResult> Decide(int id, Decision? decision, string? note)
    {
        // Nullable: a missing or unreadable decision must not bind to the enum's first value (Publish).
        if (decision is not { } chosen || !Enum.IsDefined(chosen) || !ModelState.IsValid)
        {
            TempData["DecisionError"] = L["Choose a decision: publish, request changes or decline."].Value;
            return RedirectToAction(nameof(Review), new { id });
        }
        var error = await moderation.DecideAsync(id, chosen, note, User.Identity?.Name ?? "");
        if (error is not null)
        {
            TempData["DecisionError"] = error;
            return RedirectToAction(nameof(Review), new { id });
        }
        TempData["Message"] = (chosen switch
        {
            Decision.Publish => L["Published: the practice is now in the public library."],
            Decision.RequestChanges => L["Changes requested: the submitter has been notified."],
            _ => L["Declined: the submitter has been notified."],
        }).Value;
        return RedirectToAction(nameof(Queue));
    }

    [HttpGet("attachments/{attachmentId:int}")]
    public async Task<IActionResult> Attachment(int attachmentId)
    {
        return await db.Set<BestPracticeAttachment>().Where(a => a.Id == attachmentId).DownloadAsync(this);
    }
}
