using CopAssessment.Web.Features.Questionnaires;

namespace CopAssessment.Web.Features.BestPractices;

public sealed record PublishedPracticeSummary(
    int Id, string Title, string Summary, IReadOnlyList<string> CountryNames, string Organisation, string StakeholderGroup,
    IReadOnlyList<string> Capabilities, int? StartYear, int? EndYear, string Language, DateTimeOffset PublishedAt, string Permalink)
{
    public IReadOnlyList<string> CountryCodes { get; init; } = [];
    public IReadOnlyList<string> CapabilityKeys { get; init; } = [];
}

/// <summary>
/// Published practices for other features (the regional stocktaking report lists its region's).
/// Country and capability names come in <c>culture</c>; texts stay in the language they were written in.
/// </summary>
public sealed class PublishedPractices(CopDbContext db, QuestionnaireCatalog catalog, PlaceNames places)
{
    public async Task<IReadOnlyList<PublishedPracticeSummary>> GetPublishedForRegionAsync(string regionCode, string culture)
    {
        var regionCountries = await db.Countries.Where(c => c.RegionCode == regionCode).Select(c => c.Iso3).ToListAsync();
        var rows = await db.Set<BestPractice>().AsNoTracking().Where(p => p.PublishedVersionId != null)
            .Select(p => new { p.Id, V = p.PublishedVersion! })
            .Where(x => x.V.Countries.Any(c => regionCountries.Contains(c)))
            .OrderBy(x => x.V.Title)
            .Select(x => new
            {
                x.Id, x.V.Title, x.V.Summary, x.V.Countries, x.V.Organisation, x.V.StakeholderGroup, x.V.Capabilities,
                x.V.StartYear, x.V.EndYear, x.V.Language, PublishedAt = x.V.ReviewedAt ?? x.V.UpdatedAt,
            })
            .ToListAsync();
        var names = await places.CountriesAsync(culture);
        var capabilities = (await catalog.GetCapabilitiesAsync()).ToDictionary(c => c.Key, c => c.Name.Get(culture));
        return rows.Select(r => new PublishedPracticeSummary(
            r.Id, r.Title, r.Summary, r.Countries.Select(c => names.GetValueOrDefault(c, c)).ToList(), r.Organisation,
            Vocabulary.Label(Vocabulary.StakeholderGroups, r.StakeholderGroup),
            r.Capabilities.Select(c => capabilities.GetValueOrDefault(c, c)).ToList(),
            r.StartYear, r.EndYear, r.Language, r.PublishedAt, Links.Practice(r.Id))
        {
            CountryCodes = r.Countries, CapabilityKeys = r.Capabilities,
        }).ToList();
    }
}
