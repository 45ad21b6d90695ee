namespace CopAssessment.Web.Features.Cycles;

public sealed record CycleRow(int Id, string Name, string Questionnaire, DateOnly OpensOn, DateTimeOffset Deadline, PublicationPolicy Policy, CycleStatus Status,
    int Submissions, int Submitted, int Validated);

public sealed record VersionOption(int Id, string Label);

/// <summary>An inline form of the cycle list refused: which cycle, which field (policy, deadline) and why.</summary>
public sealed record CycleRefusal(int CycleId, string Field, string Message);

public sealed record CyclesPage(IReadOnlyList<CycleRow> Rows, CycleRefusal? Refusal = null)
{
    public string? ErrorOf(int cycleId, string field) => Refusal is { } r && r.CycleId == cycleId && r.Field == field ? r.Message : null;
}

[Authorize(Policy = Policies.Administration)]
[Route("admin/cycles")]
public class CyclesController(CopDbContext db, CycleService cycles, CycleTitles titles, IStringLocalizer<Ui> L) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index() => View("Index", new CyclesPage(await RowsAsync()));

    /// <summary>The cycles, each under its title in the administrator's language.</summary>
    private async Task<List<CycleRow>> RowsAsync()
    {
        var inLanguage = await titles.InLanguageAsync();
        return [.. (await RowsQuery().ToListAsync()).Select(r => r with { Name = inLanguage.GetValueOrDefault(r.Id, r.Name) })];
    }

    private IQueryable<CycleRow> RowsQuery() => db.Set<AssessmentCycle>().AsNoTracking()
        .OrderByDescending(c => c.Deadline)
        .Select(c => new CycleRow(c.Id, c.Name, c.QuestionnaireVersion!.Key + " " + c.QuestionnaireVersion.Label + " (v" + c.QuestionnaireVersion.Number + ")",
            c.OpensOn, c.Deadline, c.PublicationPolicy, c.Status,
            db.Set<Submission>().Count(s => s.CycleId == c.Id),
            db.Set<Submission>().Count(s => s.CycleId == c.Id && s.Status != SubmissionStatus.Draft),
            db.Set<Submission>().Count(s => s.CycleId == c.Id && (s.Status == SubmissionStatus.Validated || s.Status == SubmissionStatus.Published))));

    /// <summary>The list again with the message beside the refused field; 422 says nothing changed.</summary>
    private async Task<IActionResult> Refused(int id, string field, string message)
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View("Index", new CyclesPage(await RowsAsync(), new CycleRefusal(id, field, message)));
    }

    [HttpGet("new")]
    public async Task<IActionResult> New()
    {
        var latest = await db.QuestionnaireVersions.OrderByDescending(v => v.Number).Select(v => v.Id).FirstOrDefaultAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return await Form(new CycleInput { QuestionnaireVersionId = latest, OpensOn = today, Deadline = today.AddMonths(3) });
    }

    [HttpPost("new")]
    public async Task<IActionResult> Create(CycleInput input)
    {
        var versions = (await db.QuestionnaireVersions.Select(v => v.Id).ToListAsync()).ToHashSet();
        if (!new CycleInputValidator(L, versions).Validate(input).AddTo(ModelState)) return await Form(input, refused: true);
        if (await db.Set<AssessmentCycle>().AnyAsync(c => c.Name == input.Name!.Trim()))
        {
            ModelState.AddModelError(nameof(input.Name), L["A cycle with this name exists already."]);
            return await Form(input, refused: true);
        }
        var cycle = await cycles.CreateAsync(input);
        TempData["Message"] = L["Cycle created. Open it when countries should start."].Value;
        return RedirectToAction(nameof(Index), new { id = cycle.Id });
    }

    /// <summary>Opening asks first which countries start from their last validated submission (all ticked).</summary>
    [HttpGet("{id:int}/open")]
    public async Task<IActionResult> Open(int id, [FromServices] CarryForward carry)
    {
        var cycle = await db.Set<AssessmentCycle>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id);
        if (cycle is null) return NotFound();
        if (!CycleWorkflow.Apply(cycle.Status, CycleAction.Open).Succeeded) return RedirectToAction(nameof(Index));
        return View("Open", await carry.PageAsync(cycle));
    }

    [HttpPost("{id:int}/open")]
    public async Task<IActionResult> Open(int id, OpenInput input, [FromServices] CarryForward carry)
    {
        var cycle = await db.Set<AssessmentCycle>().SingleOrDefaultAsync(c => c.Id == id);
        if (cycle is null) return NotFound();
        var offered = (await carry.SourcesAsync(id)).Select(s => s.CountryIso3).ToHashSet(StringComparer.Ordinal);
        if (new OpenInputValidator(L, offered).Validate(input) is { IsValid: false } invalid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Open", await carry.PageAsync(cycle, invalid.Errors[0].ErrorMessage));
        }
        var error = await cycles.ApplyAsync(cycle, CycleAction.Open, input.CarryOffered ? input.Carry.Distinct().ToList() : null);
        TempData["Message"] = error ?? L["{0}: {1}.", Bidi.Isolate(await titles.OfAsync(id)), L[cycle.Status.ToString()]].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("{id:int}/{change:regex(^(close|reopen|publish)$)}")]
    public async Task<IActionResult> Change(int id, string change)
    {
        var cycle = await db.Set<AssessmentCycle>().SingleOrDefaultAsync(c => c.Id == id);
        if (cycle is null) return NotFound();
        var error = await cycles.ApplyAsync(cycle, Enum.Parse<CycleAction>(change, ignoreCase: true));
        TempData["Message"] = error ?? L["{0}: {1}.", Bidi.Isolate(await titles.OfAsync(id)), L[cycle.Status.ToString()]].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("{id:int}/policy")]
    public async Task<IActionResult> Policy(int id, PolicyInput input)
    {
        var cycle = await db.Set<AssessmentCycle>().SingleOrDefaultAsync(c => c.Id == id);
        if (cycle is null) return NotFound();
        if (new PolicyInputValidator(L).Validate(input) is { IsValid: false } invalid) return await Refused(id, "policy", invalid.Errors[0].ErrorMessage);
        var error = await cycles.ChangePolicyAsync(cycle, input.Policy!.Value);
        TempData["Message"] = error ?? L["{0}: publication policy set to \"{1}\".", Bidi.Isolate(await titles.OfAsync(id)), L[PolicyLabel(cycle.PublicationPolicy)]].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id)
    {
        var cycle = await db.Set<AssessmentCycle>().AsNoTracking().Include(c => c.Titles).SingleOrDefaultAsync(c => c.Id == id);
        if (cycle is null) return NotFound();
        return View("Edit", new TitlesInput
        {
            Name = cycle.Name, Version = cycle.Version, Licence = cycle.Licence,
            Titles = cycle.Titles.ToDictionary(t => t.Language, t => (string?)t.Title),
        });
    }

    [HttpPost("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, TitlesInput input)
    {
        var cycle = await db.Set<AssessmentCycle>().Include(c => c.Titles).SingleOrDefaultAsync(c => c.Id == id);
        if (cycle is null) return NotFound();
        input.Licence = cycle.Licence;
        if (new TitlesInputValidator(L).Validate(input).AddTo(ModelState))
        {
            if (await cycles.ChangeTitlesAsync(cycle, input) is not { } refusal)
            {
                TempData["Message"] = L["Titles saved."].Value;
                return RedirectToAction(nameof(Index));
            }
            ModelState.AddModelError(refusal.Field, refusal.Message);
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View("Edit", input);
    }

    [HttpPost("{id:int}/licence")]
    public async Task<IActionResult> Licence(int id, LicenceInput input)
    {
        var cycle = await db.Set<AssessmentCycle>().Include(c => c.Titles).SingleOrDefaultAsync(c => c.Id == id);
        if (cycle is null) return NotFound();
        // The binder's own (English) complaint about an unknown value gives way to the validator's message.
        ModelState.Remove(nameof(input.Licence));
        if (!new LicenceInputValidator(L).Validate(input).AddTo(ModelState))
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Edit", new TitlesInput
            {
                Name = cycle.Name, Version = cycle.Version, Licence = cycle.Licence,
                Titles = cycle.Titles.ToDictionary(t => t.Language, t => (string?)t.Title),
            });
        }
        await cycles.ChangeLicenceAsync(cycle, input.Licence!.Value);
        TempData["Message"] = L["{0}: open data published under {1}.", Bidi.Isolate(await titles.OfAsync(id)), DataLicences.Of(cycle.Licence).ShortName].Value;
        return RedirectToAction(nameof(Index));
    }

    /// <summary>The policy as administrators read it (the cycle list and the new-cycle form use the same words).</summary>
    public static string PolicyLabel(PublicationPolicy policy) => policy == PublicationPolicy.Named ? "Named results" : "Aggregated and anonymised only";

    [HttpPost("{id:int}/deadline")]
    public async Task<IActionResult> Deadline(int id, DeadlineInput input)
    {
        var cycle = await db.Set<AssessmentCycle>().SingleOrDefaultAsync(c => c.Id == id);
        if (cycle is null) return NotFound();
        if (new DeadlineInputValidator(L).Validate(input) is { IsValid: false } invalid) return await Refused(id, "deadline", invalid.Errors[0].ErrorMessage);
        var error = await cycles.ExtendDeadlineAsync(cycle, input.Deadline!.Value);
        TempData["Message"] = error ?? L["Deadline extended."].Value;
        return RedirectToAction(nameof(Index));
    }

    private async Task<IActionResult> Form(CycleInput input, bool refused = false)
    {
        if (refused) Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        input.Versions = await db.QuestionnaireVersions.OrderBy(v => v.Key).ThenByDescending(v => v.Number)
            .Select(v => new VersionOption(v.Id, v.Key + " " + v.Label + " (v" + v.Number + ") — " + v.Title)).ToListAsync();
        return View("New", input);
    }
}
