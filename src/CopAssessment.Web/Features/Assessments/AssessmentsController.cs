using CopAssessment.Web.Features.Questionnaires;

namespace CopAssessment.Web.Features.Assessments;

/// <summary>The country's side of an assessment: the list, the overview, the section pages, evidence, history and submitting.</summary>
[Authorize(Policy = Policies.Assessments)]
[Route("assessments")]
public class AssessmentsController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] CopDbContext db, [FromServices] UserScope scope, [FromServices] QuestionnaireCatalog catalog,
        [FromServices] PlaceNames places, [FromServices] CycleTitles cycleTitles) =>
        View("Index", await SubmissionList.LoadAsync(db, scope, catalog, places, cycleTitles));

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Overview(int id, [FromServices] Overview overview) => this.Result(await overview.ShowAsync(id, User), "Overview");

    [HttpGet("{id:int}/submit")]
    public async Task<IActionResult> ConfirmSubmit(int id, [FromServices] Submit submit) => this.Result(await submit.ConfirmAsync(id, User), "Submit");

    [HttpPost("{id:int}/submit")]
    public async Task<IActionResult> Submit(int id, [FromServices] Submit submit, [FromForm] bool confirmed = false) =>
        this.Result(await submit.HandleAsync(id, confirmed, User), "Overview");

    /// <summary>The offline workbook (.xlsx) of the assessment, for anyone who sees it.</summary>
    [HttpGet("{id:int}/workbook")]
    public async Task<IActionResult> Workbook(int id, [FromServices] DownloadWorkbook download) => await download.HandleAsync(id, User);

    [HttpGet("{id:int}/workbook/import")]
    public async Task<IActionResult> WorkbookImport(int id, [FromServices] ImportWorkbook import) => this.Result(await import.ShowAsync(id, User), "Workbook");

    /// <summary>Reads an uploaded workbook and shows the preview; nothing is stored.</summary>
    [HttpPost("{id:int}/workbook/import")]
    public async Task<IActionResult> WorkbookPreview(int id, IFormFile? file, [FromServices] ImportWorkbook import) =>
        this.Result(await import.PreviewAsync(id, file, User), "Workbook");

    [HttpPost("{id:int}/workbook/confirm")]
    public async Task<IActionResult> WorkbookConfirm(int id, [FromServices] ImportWorkbook import) =>
        this.Result(await import.ConfirmAsync(id, await Request.ReadFormAsync(), User), "Workbook");

    /// <param name="evidence">A question whose evidence panel opens (after attaching, or a refused attachment).</param>
    [HttpGet("{id:int}/{domain}")]
    public async Task<IActionResult> Domain(int id, string domain, [FromQuery] string? evidence, [FromServices] SavePage page) =>
        this.Result(await page.ShowAsync(id, domain, User, evidence, TempData[SavePage.EvidenceErrorKey] as string), "Domain");

    /// <summary>The no-JavaScript path: every answer on the page in one form; same rules as autosave.</summary>
    [HttpPost("{id:int}/{domain}")]
    public async Task<IActionResult> SaveDomain(int id, string domain, [FromServices] SavePage page) =>
        this.Result(await page.HandleAsync(id, domain, await Request.ReadFormAsync(), User), "Domain");

    /// <summary>Autosave of one answer (JavaScript).</summary>
    [HttpPost("{id:int}/answers")]
    public async Task<IActionResult> SaveAnswer(int id, [FromServices] SaveAnswer save, [FromForm(Name = AnswerForm.AutosaveKey)] string? key,
        [FromForm(Name = AnswerForm.AutosaveVersion)] uint version, [FromForm(Name = AnswerForm.AutosaveValue)] string[]? value) =>
        await save.HandleAsync(id, new SaveAnswerRequest(key, version, value ?? []), User);

    /// <summary>Confirms carried answers unchanged: <c>question</c> (one) or <c>section</c> (a domain key: all of its).</summary>
    [HttpPost("{id:int}/confirm-carried")]
    public async Task<IActionResult> ConfirmCarried(int id, [FromForm] string? question, [FromForm] string? section, [FromServices] ConfirmCarried confirm) =>
        this.Result(await confirm.HandleAsync(id, question, section, User), "Domain");

    [HttpGet("{id:int}/history/{key}")]
    public async Task<IActionResult> History(int id, string key, [FromServices] QuestionHistory history) => this.Result(await history.ShowAsync(id, key), "History");

    [HttpPost("{id:int}/evidence")]
    public async Task<IActionResult> AddEvidence(int id, [FromForm] string? questionKey, IFormFile? file, [FromForm] string? url, [FromServices] SubmissionEvidence evidence) =>
        this.Result(await evidence.AddAsync(id, questionKey, file, url, User), "");

    [HttpGet("{id:int}/evidence/{evidenceId:long}")]
    public async Task<IActionResult> Evidence(int id, long evidenceId, [FromServices] SubmissionEvidence evidence) => await evidence.DownloadAsync(id, evidenceId);

    [HttpPost("{id:int}/evidence/{evidenceId:long}/delete")]
    public async Task<IActionResult> DeleteEvidence(int id, long evidenceId, [FromServices] SubmissionEvidence evidence) =>
        this.Result(await evidence.RemoveAsync(id, evidenceId, User), "");
}
