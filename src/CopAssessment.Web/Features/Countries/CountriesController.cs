namespace CopAssessment.Web.Features.Countries;

[Authorize(Policy = Policies.CountryData)]
[Route("countries")]
public class CountriesController(CopDbContext db, UserScope scope, PlaceNames places) : Controller
{
    /// <summary>By region, then by name in the reader's language and as that language sorts.</summary>
    [HttpGet("")]
    public async Task<IActionResult> Index()
    {
        var names = await places.CountriesAsync();
        var rows = await db.Countries.VisibleTo(scope).Select(c => new CountryRow(c.Iso3, c.Name, c.RegionCode, c.Region!.Name)).ToListAsync();
        return View(rows.Select(r => r with { Name = names.GetValueOrDefault(r.Iso3, r.Name) })
            .OrderBy(r => r.RegionCode, StringComparer.Ordinal).ThenBy(r => r.Name, PlaceNames.Collation()).ToList());
    }

    [HttpGet("{iso3}")]
    public async Task<IActionResult> Details(string iso3)
    {
        var code = iso3.ToUpperInvariant();
        var country = await db.Countries.VisibleTo(scope).Where(c => c.Iso3 == code)
            .Select(c => new CountryProfile(c.Iso3, c.Iso2, c.Name, c.RegionCode, c.Region!.Name,
                db.Users.Where(u => u.CountryIso3 == c.Iso3).OrderBy(u => u.DisplayName).Select(u => u.DisplayName).ToList()))
            .SingleOrDefaultAsync();
        return country is null ? NotFound() : View(country with { Name = await places.CountryAsync(country.Iso3) });
    }
}

public sealed record CountryRow(string Iso3, string Name, string RegionCode, string RegionName);
public sealed record CountryProfile(string Iso3, string Iso2, string Name, string RegionCode, string RegionName, List<string> FocalPoints);
