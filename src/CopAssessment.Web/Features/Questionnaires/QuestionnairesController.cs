namespace CopAssessment.Web.Features.Questionnaires;

[Authorize(Policy = Policies.Administration)]
[Route("admin/questionnaires")]
public class QuestionnairesController(CopDbContext db, QuestionnaireImporter importer, QuestionnaireCatalog catalog, IStringLocalizer<Ui> L) : Controller
{
    /// <summary>Definitions are small; this keeps a mistaken upload of something huge out of memory (and is the pasted JSON's maxlength).</summary>
    public const int MaxDefinitionBytes = 5 * 1024 * 1024;

    public const int MaxWarningsShown = 30;

    [HttpGet("")]
    public async Task<IActionResult> Index() => View("Versions", await db.QuestionnaireVersions.AsNoTracking()
        .OrderBy(v => v.Key).ThenByDescending(v => v.Number)
        .Select(v => new VersionRow(v.Id, v.Key, v.Number, v.Label, v.Title, v.ContentHash, v.QuestionCount, v.ImportedAt, v.ImportedBy))
        .ToListAsync());

    [HttpPost("import")]
    [RequestSizeLimit(MaxDefinitionBytes + 64 * 1024)]
    public async Task<IActionResult> Import(ImportInput input)
    {
        if (!new ImportInputValidator(L).Validate(input).AddTo(ModelState))
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return await Index();
        }
        byte[] content;
        if (input.File is { Length: > 0 } file)
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer);
            content = buffer.ToArray();
        }
        else
        {
            content = System.Text.Encoding.UTF8.GetBytes(input.Json!);
        }

        var validateOnly = input.ValidateOnly;
        var result = validateOnly ? QuestionnaireImporter.Validate(content) : await importer.ImportAsync(content, User.Identity?.Name ?? "");
        if (result.Warnings.Count > 0)
        {
            // TempData travels in a cookie: the count is exact, the list is cut to what a cookie holds.
            TempData["WarningCount"] = result.Warnings.Count;
            TempData["Warnings"] = System.Text.Json.JsonSerializer.Serialize(result.Warnings.Select(p => $"{p.Path}: {p.Message}").Take(MaxWarningsShown));
        }
        if (result.Outcome == ImportOutcome.Invalid)
        {
            TempData["Problems"] = System.Text.Json.JsonSerializer.Serialize(result.Problems.Select(p => $"{p.Path}: {p.Message}").Take(500));
            return RedirectToAction(nameof(Index));
        }
        TempData["Message"] = (validateOnly ? L["The definition is valid."]
            : result.Outcome == ImportOutcome.Unchanged ? L["This content is already version {0}; nothing was imported.", result.Version!.Number]
            : L["Imported as version {0}.", result.Version!.Number]).Value;
        return validateOnly || result.Version is null ? RedirectToAction(nameof(Index)) : RedirectToAction(nameof(Outline), new { id = result.Version.Id });
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Outline(int id)
    {
        var version = await db.QuestionnaireVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id);
        if (version is null) return NotFound();
        return View("Outline", new OutlineModel(version, await catalog.GetDefinitionAsync(id)));
    }

    [HttpGet("compare")]
    public async Task<IActionResult> Compare(int? from, int? to)
    {
        if (from is null || to is null)
        {
            TempData["Message"] = L["Choose two versions to compare."].Value;
            return RedirectToAction(nameof(Index));
        }
        var versions = await db.QuestionnaireVersions.AsNoTracking().Where(v => v.Id == from || v.Id == to).ToListAsync();
        if (versions.Count != (from == to ? 1 : 2)) return NotFound();
        var comparison = QuestionnaireDiff.Compare(await catalog.GetDefinitionAsync(from.Value), await catalog.GetDefinitionAsync(to.Value), L);
        return View("Compare", new CompareModel(versions.Single(v => v.Id == from), versions.Single(v => v.Id == to), comparison));
    }

}

/// <summary>A definition to import or only validate: an uploaded file, or else pasted JSON.</summary>
public sealed class ImportInput
{
    public IFormFile? File { get; set; }
    public string? Json { get; set; }
    public bool ValidateOnly { get; set; }
}

public sealed class ImportInputValidator : AbstractValidator<ImportInput>
{
    public ImportInputValidator(IStringLocalizer L)
    {
        RuleFor(x => x.File).Must(f => f!.Length <= QuestionnairesController.MaxDefinitionBytes).When(x => x.File is not null)
            .WithMessage(L["The file is larger than 5 MB."]);
        RuleFor(x => x.Json).Must(j => !string.IsNullOrWhiteSpace(j)).When(x => x.File is not { Length: > 0 })
            .WithMessage(L["Choose a definition file or paste its JSON."])
            .MaximumLength(QuestionnairesController.MaxDefinitionBytes).WithMessage(L["Use at most {0} characters.", QuestionnairesController.MaxDefinitionBytes]);
    }
}

public sealed record VersionRow(int Id, string Key, int Number, string Label, string Title, string Hash, int Questions, DateTimeOffset ImportedAt, string ImportedBy);
public sealed record OutlineModel(QuestionnaireVersion Version, CopAssessment.Domain.Questionnaires.QuestionnaireDefinition Definition);
public sealed record CompareModel(QuestionnaireVersion From, QuestionnaireVersion To, QuestionnaireComparison Comparison);
