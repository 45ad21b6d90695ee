using CopAssessment.Web.Data.Reports;
using CopAssessment.Web.Reporting.Excel;
using CopAssessment.Web.Reporting.Pdf;

namespace CopAssessment.Web.Features.Reports;

public sealed class ExportRequest
{
    public ReportKind Kind { get; set; } = ReportKind.Global;
    public int CycleId { get; set; }
    public string? RegionCode { get; set; }
    public string? CountryIso3 { get; set; }
    public ReportFormat Format { get; set; } = ReportFormat.Pdf;
    public string Language { get; set; } = "en";
}

public sealed class ExportRequestValidator : AbstractValidator<ExportRequest>
{
    public ExportRequestValidator(IStringLocalizer<Ui> L)
    {
        RuleFor(r => r.CycleId).GreaterThan(0).WithMessage(L["Choose a cycle."]);
        RuleFor(r => r.RegionCode).NotEmpty().When(r => r.Kind == ReportKind.Regional).WithMessage(L["Choose a region."]);
        RuleFor(r => r.CountryIso3).NotEmpty().When(r => r.Kind == ReportKind.Country).WithMessage(L["Choose a country."]);
        RuleFor(r => r.Language).Must(l => LocalizationSetup.Cultures.Contains(l)).WithMessage(L["Choose a language."]);
    }
}

public sealed record ReportsIndexModel(IReadOnlyList<(int Id, string Name)> Cycles, IReadOnlyList<(string Code, string Name)> Regions,
    IReadOnlyList<(string Iso3, string Name)> Countries, IReadOnlyList<ExportView> Exports, ExportRequest Request, bool CanExportGlobal);

public sealed record ScorecardPageModel(int CycleId, ReportData Data);

[Authorize(Policy = Policies.CountryData)]
[Route("reports")]
public sealed class ReportsController(CopDbContext db, ReportLoader loader, ReportExports exports, UserScope scope, CycleTitles cycleTitles,
    ExcelReportWriter excel, IStringLocalizer<Ui> L, PlaceNames places) : Controller
{
    private string Me => User.Identity?.Name ?? "";

    [HttpGet("")]
    public async Task<IActionResult> Index() => View(await IndexModelAsync(new ExportRequest { Language = CurrentLanguage }));

    [HttpGet("cycles/{cycleId:int}/countries/{iso3}")]
    public async Task<IActionResult> Scorecard(int cycleId, string iso3, string? lang = null) =>
        await loader.LoadAsync(new ReportScope(ReportKind.Country, cycleId, CountryIso3: iso3.ToUpperInvariant()), lang ?? CurrentLanguage, scope) is { } data
            ? View(new ScorecardPageModel(cycleId, data))
            : NotFound();

    /// <summary>A single country is small enough to stream at once, without a background export.</summary>
    [HttpGet("cycles/{cycleId:int}/countries/{iso3}/pdf")]
    public async Task<IActionResult> ScorecardPdf(int cycleId, string iso3, string? lang, [FromServices] PdfReportWriter pdf, CancellationToken cancellationToken)
    {
        var data = await loader.LoadAsync(new ReportScope(ReportKind.Country, cycleId, CountryIso3: iso3.ToUpperInvariant()), lang ?? CurrentLanguage, scope);
        if (data is null) return NotFound();
        return File(await pdf.WriteAsync(data, cancellationToken), ReportExports.ContentTypeOf(ReportFormat.Pdf), ReportExports.FileName(data, ReportFormat.Pdf));
    }

    [HttpGet("cycles/{cycleId:int}/countries/{iso3}/excel")]
    public async Task<IActionResult> ScorecardExcel(int cycleId, string iso3, string? lang)
    {
        var data = await loader.LoadAsync(new ReportScope(ReportKind.Country, cycleId, CountryIso3: iso3.ToUpperInvariant()), lang ?? CurrentLanguage, scope);
        if (data is null) return NotFound();
        return File(excel.Write(data), ReportExports.ContentTypeOf(ReportFormat.Excel), ReportExports.FileName(data, ReportFormat.Excel));
    }

    /// <summary>
    /// The global report read on the web: the PDF's document in the page (the same view, sections and figures), in the
    /// reader's language, for whoever may request it (<see cref="ReportScope.IsVisibleTo"/>, through the loader).
    /// </summary>
    [HttpGet("cycles/{cycleId:int}/global")]
    public Task<IActionResult> Global(int cycleId, [FromServices] PdfReportWriter pdf) => WebReportAsync(new ReportScope(ReportKind.Global, cycleId), pdf);

    /// <summary>A regional report read on the web (<see cref="Global"/>).</summary>
    [HttpGet("cycles/{cycleId:int}/regions/{code}")]
    public Task<IActionResult> Region(int cycleId, string code, [FromServices] PdfReportWriter pdf) =>
        WebReportAsync(new ReportScope(ReportKind.Regional, cycleId, RegionCode: code.ToUpperInvariant()), pdf);

    /// <summary>The report document's style sheet for a definition with <paramref name="stages"/> stages (<see cref="ReportStyles"/>).</summary>
    [HttpGet("report.css")]
    [ResponseCache(Duration = 3600, Location = ResponseCacheLocation.Client)]
    public IActionResult Stylesheet(int stages = 4) => Content(ReportStyles.For(Math.Clamp(stages, 1, 12)), "text/css; charset=utf-8");

    private async Task<IActionResult> WebReportAsync(ReportScope report, PdfReportWriter pdf)
    {
        var data = await loader.LoadAsync(report, CurrentLanguage, scope);
        if (data is null) return NotFound();
        return View(PdfReportWriter.ViewPath, new PdfReportModel(data, pdf.Sections(data))
        {
            Web = new ReportWebPage($"/reports/report.css?stages={data.Definition.Stages.Count}", Url.Action(nameof(Index))!),
        });
    }

    [HttpPost("exports")]
    public async Task<IActionResult> RequestExport(ExportRequest request, [FromServices] ExportRequestValidator validator)
    {
        var result = await validator.ValidateAsync(request);
        if (!result.IsValid)
        {
            result.AddTo(ModelState);
            return View(nameof(Index), await IndexModelAsync(request));
        }
        var outcome = await exports.RequestAsync(new ReportScope(request.Kind, request.CycleId, request.RegionCode, request.CountryIso3?.ToUpperInvariant()),
            request.Format, request.Language, scope, Me);
        if (outcome.UnknownRegion)
        {
            ModelState.AddModelError(nameof(ExportRequest.RegionCode), L["Choose a region from the list."]);
            return View(nameof(Index), await IndexModelAsync(request));
        }
        return outcome.Id is { } id ? RedirectToAction(nameof(Export), new { id }) : NotFound();
    }

    [HttpGet("exports/{id:guid}")]
    public async Task<IActionResult> Export(Guid id) => await exports.FindAsync(id, scope) is { } export ? View(export) : NotFound();

    [HttpGet("exports/{id:guid}/status")]
    public async Task<IActionResult> ExportStatus(Guid id) => await exports.FindAsync(id, scope) is { } e
        ? Json(new
        {
            status = e.Status.ToString().ToLowerInvariant(), progress = e.Progress, elapsedSeconds = (int)e.Elapsed.TotalSeconds, error = e.Error,
            download = e.Status == Data.Reports.ExportStatus.Done ? Url.Action(nameof(Download), new { id }) : null,
        })
        : NotFound();

    [HttpGet("exports/{id:guid}/download")]
    public async Task<IActionResult> Download(Guid id) =>
        await exports.DownloadAsync(id, scope) is { } file ? File(file.Content, file.ContentType, file.FileName) : NotFound();

    [HttpPost("exports/{id:guid}/retry")]
    public async Task<IActionResult> Retry(Guid id) =>
        await exports.RetryAsync(id, scope) ? RedirectToAction(nameof(Export), new { id }) : NotFound();

    private static string CurrentLanguage => LocalizationSetup.Current;

    private async Task<ReportsIndexModel> IndexModelAsync(ExportRequest request)
    {
        var cycles = await db.Set<AssessmentCycle>().AsNoTracking().Where(c => c.Status != Domain.Workflow.CycleStatus.Planned)
            .OrderByDescending(c => c.OpensOn).Select(c => new { c.Id, c.Name }).ToListAsync();
        // The regions whose report the caller may see, by the one report rule (a handful of rows: filtered in memory).
        var regions = (await db.Regions.AsNoTracking().OrderBy(r => r.Code).Select(r => new { r.Code, r.Name }).ToListAsync())
            .Where(r => new ReportScope(ReportKind.Regional, request.CycleId, RegionCode: r.Code).IsVisibleTo(scope, null)).ToList();
        var canExportGlobal = new ReportScope(ReportKind.Global, request.CycleId).IsVisibleTo(scope, null);
        var countries = await places.SortedAsync(await db.Countries.AsNoTracking().VisibleTo(scope).Select(c => c.Iso3).ToListAsync());
        if (request.CycleId == 0 && cycles.Count > 0) request.CycleId = cycles[0].Id;
        if (!canExportGlobal && request.Kind == ReportKind.Global) request.Kind = regions.Count > 0 ? ReportKind.Regional : ReportKind.Country;
        var titles = await cycleTitles.InLanguageAsync();
        return new ReportsIndexModel([.. cycles.Select(c => (c.Id, titles.GetValueOrDefault(c.Id, c.Name)))], [.. regions.Select(r => (r.Code, r.Name))],
            [.. countries.Select(c => (c.Key, c.Value))], await exports.RecentAsync(scope, Me), request, canExportGlobal);
    }
}
