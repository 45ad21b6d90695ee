namespace CopAssessment.Web.Features.Admin;

[Authorize(Policy = Policies.Administration)]
[Route("admin")]
public class ReferenceDataController(CopDbContext db, Audit audit, PlaceNames places, IStringLocalizer<Ui> L) : Controller
{
    [HttpGet("countries")]
    public async Task<IActionResult> Countries(string? region) => View("Countries", await CountriesPageAsync(region));

    private async Task<CountriesPage> CountriesPageAsync(string? region, RegionRename? refused = null)
    {
        var regions = await db.Regions.OrderBy(r => r.Code)
            .Select(r => new RegionRow(r.Code, r.Name, r.Countries.Count)).ToListAsync();
        var query = db.Countries.AsQueryable();
        if (!string.IsNullOrEmpty(region)) query = query.Where(c => c.RegionCode == region);
        var regionOf = await query.ToDictionaryAsync(c => c.Iso3, c => c.RegionCode);
        return new CountriesPage(await places.SortedAsync(regionOf.Keys), regionOf, regions, region, refused);
    }

    [HttpGet("countries/{iso3}")]
    public async Task<IActionResult> EditCountry(string iso3)
    {
        var country = await db.Countries.FindAsync(iso3.ToUpperInvariant());
        if (country is null) return NotFound();
        return await CountryForm(new CountryInput { Iso3 = country.Iso3, Name = country.Name, RegionCode = country.RegionCode, Version = country.Version,
            Names = await NamesAsync(country.Iso3) });
    }

    /// <summary>The stored names of a country in every other language (empty where there is none).</summary>
    private async Task<Dictionary<string, string?>> NamesAsync(string iso3)
    {
        var stored = await db.CountryNames.AsNoTracking().Where(n => n.CountryIso3 == iso3).ToDictionaryAsync(n => n.Language, n => n.Name);
        return PlaceNames.Languages.ToDictionary(l => l, l => stored.GetValueOrDefault(l));
    }

    [HttpPost("countries/{iso3}")]
    public async Task<IActionResult> EditCountry(string iso3, CountryInput input)
    {
        var country = await db.Countries.FindAsync(iso3.ToUpperInvariant());
        if (country is null) return NotFound();
        input.Iso3 = country.Iso3;
        input.Name = (input.Name ?? "").Trim();
        var regions = (await db.Regions.Select(r => r.Code).ToListAsync()).ToHashSet();
        if (!new CountryValidator(L, regions).Validate(input).AddTo(ModelState))
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return await CountryForm(input);
        }

        // The version the administrator loaded: if someone saved in between, EF refuses the update.
        db.Entry(country).Property(c => c.Version).OriginalValue = input.Version;
        var who = User.Identity?.Name ?? "";
        if (country.Name != input.Name)
        {
            db.CountryChanges.Add(new CountryChange { CountryIso3 = country.Iso3, Field = "Name", OldValue = country.Name, NewValue = input.Name, ChangedBy = who });
            country.Name = input.Name;
        }
        if (country.RegionCode != input.RegionCode)
        {
            db.CountryChanges.Add(new CountryChange { CountryIso3 = country.Iso3, Field = "Region", OldValue = country.RegionCode, NewValue = input.RegionCode, ChangedBy = who });
            country.RegionCode = input.RegionCode;
        }
        var names = await db.CountryNames.Where(n => n.CountryIso3 == country.Iso3).ToDictionaryAsync(n => n.Language);
        var renamed = new List<string>();
        // Only the languages the form sent: a form without a language's field leaves that name as it is.
        foreach (var language in PlaceNames.Languages.Where(input.Names.ContainsKey))
        {
            var wanted = input.Names[language]?.Trim() is { Length: > 0 } text ? text : null;
            var current = names.GetValueOrDefault(language);
            if (wanted == current?.Name) continue;
            db.CountryChanges.Add(new CountryChange { CountryIso3 = country.Iso3, Field = PlaceNames.NameField(language), OldValue = current?.Name, NewValue = wanted, ChangedBy = who });
            if (current is null) db.CountryNames.Add(new CountryName { CountryIso3 = country.Iso3, Language = language, Name = wanted! });
            else if (wanted is null) db.CountryNames.Remove(current);
            else current.Name = wanted;
            renamed.Add(language);
        }
        // The country row carries the form's version: changing only a translated name still checks that nobody
        // else saved this country since the form was loaded.
        if (renamed.Count > 0) db.Entry(country).State = EntityState.Modified;
        audit.Record("country-changed", country.Iso3, $"{input.Name} / {input.RegionCode}", country.Iso3);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", L["Someone else changed this country while you were editing. Their version is shown below; apply your change again."]);
            db.ChangeTracker.Clear();
            var current = await db.Countries.AsNoTracking().SingleAsync(c => c.Iso3 == country.Iso3);
            ModelState.Remove(nameof(input.Version));
            ModelState.Remove(nameof(input.Name));
            ModelState.Remove(nameof(input.RegionCode));
            foreach (var language in PlaceNames.Languages) ModelState.Remove($"{nameof(input.Names)}[{language}]");
            return await CountryForm(new CountryInput { Iso3 = current.Iso3, Name = current.Name, RegionCode = current.RegionCode, Version = current.Version,
                Names = await NamesAsync(current.Iso3) });
        }
        foreach (var language in renamed) places.Changed(language);
        TempData["Message"] = L["{0} saved.", country.Name].Value;
        return RedirectToAction(nameof(Countries));
    }

    [HttpGet("regions")]
    public IActionResult Regions() => RedirectToAction(nameof(Countries));

    [HttpPost("regions/{code}")]
    public async Task<IActionResult> RenameRegion(string code, RegionNameInput input)
    {
        var region = await db.Regions.FindAsync(code);
        if (region is null) return NotFound();
        var name = (input.Name ?? "").Trim();
        if (new RegionNameValidator(L).Validate(new RegionNameInput { Name = name }) is { IsValid: false } invalid)
        {
            // The list again, the refused name kept in its field with the reason beside it.
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Countries", await CountriesPageAsync(null, new RegionRename(region.Code, input.Name ?? "", invalid.Errors[0].ErrorMessage)));
        }
        audit.Record("region-renamed", code, $"{region.Name} → {name}");
        region.Name = name;
        await db.SaveChangesAsync();
        return RedirectToAction(nameof(Countries));
    }

    private async Task<IActionResult> CountryForm(CountryInput input)
    {
        input.Regions = await db.Regions.OrderBy(r => r.Code).Select(r => new RegionRow(r.Code, r.Name, 0)).ToListAsync();
        input.History = await db.CountryChanges.Where(c => c.CountryIso3 == input.Iso3)
            .OrderByDescending(c => c.ChangedAt).ToListAsync();
        return View("EditCountry", input);
    }
}

public sealed record RegionRow(string Code, string Name, int Countries);
