namespace CopAssessment.Web.Data;

/// <summary>An ITU-D region (AFR, AMS, ARB, ASP, CIS, EUR).</summary>
public class Region
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public List<Country> Countries { get; set; } = [];
}

/// <summary>An ITU Member State. Its region is data an administrator can change.</summary>
public class Country
{
    public required string Iso3 { get; set; }
    public required string Iso2 { get; set; }
    public required string Name { get; set; }
    public required string RegionCode { get; set; }
    public Region? Region { get; set; }

    /// <summary>PostgreSQL xmin: detects two administrators editing the same country.</summary>
    public uint Version { get; set; }
}

/// <summary>
/// A country's short name in one language other than English (the English name is <see cref="Country.Name"/>).
/// Seeded from the Unicode CLDR (samples/country-names.csv, scripts/country-names.sh); an administrator may
/// correct one, e.g. to the UN's official short name, and the change is kept in <see cref="CountryChange"/>.
/// </summary>
public class CountryName
{
    public required string CountryIso3 { get; set; }

    /// <summary>The UI culture the name is for: fr, ar, es, ru, zh-Hans.</summary>
    public required string Language { get; set; }
    public required string Name { get; set; }

    /// <summary>PostgreSQL xmin: detects two administrators correcting the same name.</summary>
    public uint Version { get; set; }
}

/// <summary>One change an administrator made to a country: kept forever.</summary>
public class CountryChange
{
    public long Id { get; set; }
    public required string CountryIso3 { get; set; }
    public required string Field { get; set; }
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
    public required string ChangedBy { get; set; }
    public DateTimeOffset ChangedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>Rows that carry a country: every query over them goes through <c>VisibleTo(scope)</c>.</summary>
public interface ICountryScoped
{
    string CountryIso3 { get; }
    Country? Country { get; }
}

/// <summary>
/// Rows that stand for a report (exports): what the report covers decides who may see them, through
/// <c>VisibleTo(scope)</c> like every other row. <see cref="RegionCode"/> is the region of a regional report,
/// or the region of a scorecard's country.
/// </summary>
public interface IReportScoped
{
    CopAssessment.Web.Reporting.ReportKind Kind { get; }
    string? RegionCode { get; }
    string? CountryIso3 { get; }
}
