namespace CopAssessment.Web.Features.BestPractices;

/// <summary>Submitting and editing practices. Someone else's practice is simply not found (404).</summary>
[Authorize(Policy = Policies.BestPracticeSubmitters)]
[Route("best-practices")]
public class SubmitController(
    CopDbContext db, PracticeEditor editor, PracticeAttachments attachments, LibraryLookups lookups,
    UserManager<ApplicationUser> users, IStringLocalizer<Ui> L) : Controller
{
    [HttpGet("mine")]
    public async Task<IActionResult> Mine()
    {
        var me = await Submitter.FromAsync(User, users);
        var rows = await editor.EditableBy(me).OrderByDescending(p => p.CreatedAt)
            .Select(p => new MyPracticeRow(p.Id, p.Versions.OrderByDescending(v => v.Number).First().Title,
                p.Versions.OrderByDescending(v => v.Number).First().Status, p.Versions.Count, p.PublishedVersionId != null,
                p.Versions.OrderByDescending(v => v.Number).First().UpdatedAt))
            .ToListAsync();
        return View("Mine", rows);
    }

    [HttpGet("new")]
    public async Task<IActionResult> New()
    {
        var me = await Submitter.FromAsync(User, users);
        var input = new PracticeInput
        {
            Countries = me.CountryIso3 is { } c ? [c] : [],
            Organisation = me.IsContributor ? me.Organisation ?? "" : "",
        };
        return await Form(input, me, null);
    }

    [HttpPost("new")]
    public async Task<IActionResult> New(PracticeInput input)
    {
        var me = await Submitter.FromAsync(User, users);
        if (!await ValidAsync(input, me)) return await Form(input, me, null);
        var id = await editor.CreateAsync(input, me);
        TempData["Message"] = input.Submitting ? L["Submitted for review."].Value : L["Draft saved."].Value;
        return RedirectToAction(nameof(Edit), new { id });
    }

    [HttpGet("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id)
    {
        var me = await Submitter.FromAsync(User, users);
        if (!await editor.EditableBy(me).AnyAsync(p => p.Id == id)) return NotFound();
        var latest = await editor.LatestAsync(id);
        return await Form(PracticeInput.From(latest), me, await StateAsync(id, latest));
    }

    [HttpPost("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, PracticeInput input)
    {
        var me = await Submitter.FromAsync(User, users);
        var practice = await editor.EditableBy(me).SingleOrDefaultAsync(p => p.Id == id);
        if (practice is null) return NotFound();
        var latest = await editor.LatestAsync(id);
        if (!await ValidAsync(input, me)) return await Form(input, me, await StateAsync(id, latest));
        if (!await editor.UpdateAsync(practice, input, me))
        {
            TempData["Message"] = L["This practice is waiting for review and cannot be changed now."].Value;
            return RedirectToAction(nameof(Edit), new { id });
        }
        TempData["Message"] = input.Submitting ? L["Submitted for review."].Value : L["Draft saved."].Value;
        return RedirectToAction(nameof(Edit), new { id });
    }

    [HttpPost("{id:int}/attachments")]
    public async Task<IActionResult> Upload(int id, IFormFile? file)
    {
        var me = await Submitter.FromAsync(User, users);
        var practice = await editor.EditableBy(me).SingleOrDefaultAsync(p => p.Id == id);
        if (practice is null) return NotFound();
        var draft = await DraftAsync(id, me);
        if (draft is null)
        {
            TempData["Message"] = L["This practice is waiting for review and cannot be changed now."].Value;
            return RedirectToAction(nameof(Edit), new { id });
        }
        var error = await attachments.AddAsync(practice, draft, file, me.Email);
        if (error is not null)
        {
            TempData["UploadError"] = error;
            return RedirectToAction(nameof(Edit), null, new { id }, "attachments");
        }
        await db.SaveChangesAsync();
        TempData["Message"] = L["File attached."].Value;
        return RedirectToAction(nameof(Edit), null, new { id }, "attachments");
    }

    /// <summary>The submitter downloads an attachment of any version of their own practice (drafts included).</summary>
    [HttpGet("{id:int}/attachments/{attachmentId:int}/file")]
    public async Task<IActionResult> OwnAttachment(int id, int attachmentId)
    {
        var me = await Submitter.FromAsync(User, users);
        if (!await editor.EditableBy(me).AnyAsync(p => p.Id == id)) return NotFound();
        return await db.Set<BestPracticeAttachment>().Where(a => a.Id == attachmentId && a.Version!.PracticeId == id).DownloadAsync(this);
    }

    [HttpPost("{id:int}/attachments/{attachmentId:int}/remove")]
    public async Task<IActionResult> RemoveAttachment(int id, int attachmentId)
    {
        var me = await Submitter.FromAsync(User, users);
        var practice = await editor.EditableBy(me).SingleOrDefaultAsync(p => p.Id == id);
        if (practice is null) return NotFound();
        var latest = await editor.LatestAsync(id);
        var fileId = latest.Attachments.FirstOrDefault(a => a.Id == attachmentId)?.FileId;
        if (fileId is null) return NotFound();
        var draft = await DraftAsync(id, me);
        if (draft is null) return RedirectToAction(nameof(Edit), new { id });
        await attachments.RemoveAsync(practice, draft, fileId.Value);
        await db.SaveChangesAsync();
        return RedirectToAction(nameof(Edit), null, new { id }, "attachments");
    }

    /// <summary>The draft to change: the latest version if it is a draft, else a new version copied from it.</summary>
    private async Task<BestPracticeVersion?> DraftAsync(int id, Submitter me)
    {
        var latest = await editor.LatestAsync(id);
        return latest.Status switch
        {
            PracticeStatus.Draft => latest,
            PracticeStatus.Submitted => null,
            _ => editor.NewVersionFrom(latest, me.Email),
        };
    }

    private async Task<bool> ValidAsync(PracticeInput input, Submitter me)
    {
        input.Normalise();
        PracticeEditor.ApplyScope(input, me, ModelState.AddModelError, L);
        var look = await lookups.LoadAsync();
        var validator = new PracticeValidator(L, look.Countries.Select(c => c.Iso3).ToHashSet(), look.Capabilities.Select(c => c.Key).ToHashSet());
        return validator.Validate(input).AddTo(ModelState) && ModelState.ErrorCount == 0;
    }

    private async Task<EditState> StateAsync(int id, BestPracticeVersion latest)
    {
        var published = await db.Set<BestPractice>().Where(p => p.Id == id).Select(p => p.PublishedVersionId).SingleAsync();
        var files = await db.Set<BestPracticeAttachment>().Where(a => a.VersionId == latest.Id)
            .Select(a => new AttachmentRow(a.Id, a.FileName, a.File!.ContentType, a.File.Size, a.File.Sha256)).ToListAsync();
        return new EditState(id, latest.Number, latest.Status, latest.ReviewNote, published != null, files, attachments.MaxBytes);
    }

    private async Task<IActionResult> Form(PracticeInput input, Submitter me, EditState? state) =>
        View("Edit", new PracticeForm(input, state, await lookups.LoadAsync(), me));
}

public sealed record MyPracticeRow(int Id, string Title, PracticeStatus Status, int Versions, bool IsPublished, DateTimeOffset UpdatedAt);

public sealed record EditState(int Id, int Number, PracticeStatus Status, string? ReviewNote, bool IsPublished,
    IReadOnlyList<AttachmentRow> Attachments, long MaxBytes);

public sealed record PracticeForm(PracticeInput Input, EditState? State, LibraryLookupData Lookups, Submitter Me)
{
    public bool ReadOnly => State?.Status == PracticeStatus.Submitted;
}
