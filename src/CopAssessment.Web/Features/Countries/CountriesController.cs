namespace CopAssessment.Web.Features.Countries;

[Authorize(Policy = Policies.CountryData)]
[Route("countries")]
public class CountriesController(CopDbContext db, UserScope scope) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index() => View(await db.Countries.VisibleTo(scope)
        .OrderBy(c => c.RegionCode).ThenBy(c => c.Name)
        .Select(c => new CountryRow(c.Iso3, c.Name, c.RegionCode, c.Region!.Name))
        .ToListAsync());

    [HttpGet("{iso3}")]
    public async Task<IActionResult> Details(string iso3)
    {
        var code = iso3.ToUpperInvariant();
        var country = await db.Countries.VisibleTo(scope).Where(c => c.Iso3 == code)
            .Select(c => new CountryProfile(c.Iso3, c.Iso2, c.Name, c.RegionCode, c.Region!.Name,
                db.Users.Where(u => u.CountryIso3 == c.Iso3).OrderBy(u => u.DisplayName).Select(u => u.DisplayName).ToList()))
            .SingleOrDefaultAsync();
        return country is null ? NotFound() : View(country);
    }
}

public sealed record CountryRow(string Iso3, string Name, string RegionCode, string RegionName);
public sealed record CountryProfile(string Iso3, string Iso2, string Name, string RegionCode, string RegionName, List<string> FocalPoints);
