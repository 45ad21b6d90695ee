namespace CopAssessment.Web.Data.Assessments;

/// <summary>
/// One section (a domain or a capability key of the questionnaire) of a country's assessment that a national
/// contributor may edit. The rows are the contributor's whole scope (<see cref="UserScope"/> reads them on every
/// request), so deleting one revokes it at the next request.
/// </summary>
public class ContributorAssignment : ICountryScoped
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public ApplicationUser? User { get; set; }
    public required string CountryIso3 { get; set; }
    public Country? Country { get; set; }
    public required string SectionKey { get; set; }

    /// <summary>The sections not assigned are hidden from this contributor (otherwise shown read-only).</summary>
    public bool OthersHidden { get; set; }
    public required string AssignedBy { get; set; }
    public DateTimeOffset AssignedAt { get; set; } = DateTimeOffset.UtcNow;
}
