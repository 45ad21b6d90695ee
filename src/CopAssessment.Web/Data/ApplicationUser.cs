namespace CopAssessment.Web.Data;

public class ApplicationUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>Set for focal points: the one country they act for.</summary>
    public string? CountryIso3 { get; set; }

    /// <summary>Set for regional coordinators: the one ITU region they follow.</summary>
    public string? RegionCode { get; set; }

    /// <summary>Set for contributors: the organisation they submit for.</summary>
    public string? Organisation { get; set; }

    public string? PreferredCulture { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
