namespace CopAssessment.Web.Infrastructure.Security;

public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Reviewer = "Reviewer";
    public const string FocalPoint = "FocalPoint";
    public const string RegionalCoordinator = "RegionalCoordinator";
    public const string Contributor = "Contributor";

    /// <summary>A colleague of a focal point who answers the sections the focal point assigns (not a best-practice <see cref="Contributor"/>).</summary>
    public const string NationalContributor = "NationalContributor";

    /// <summary>The roles an administrator gives; a national contributor is invited by their focal point, with sections.</summary>
    public static readonly string[] All = [Administrator, Reviewer, FocalPoint, RegionalCoordinator, Contributor];

    /// <summary>Every role the application knows (seeded on start).</summary>
    public static readonly string[] Existing = [.. All, NationalContributor];

    /// <summary>The English name people read (a UI string key); the role names themselves are identifiers.</summary>
    public static string DisplayName(string role) => role switch
    {
        FocalPoint => "Focal point",
        RegionalCoordinator => "Regional coordinator",
        NationalContributor => "National contributor",
        _ => role,
    };
}

public static class Policies
{
    /// <summary>Administrators only: users, invitations, reference data, cycles, questionnaires.</summary>
    public const string Administration = nameof(Administration);

    /// <summary>The COP Secretariat: administrators and reviewers.</summary>
    public const string Secretariat = nameof(Secretariat);

    /// <summary>Anyone who may see some country's assessment data (scoped in the query).</summary>
    public const string CountryData = nameof(CountryData);

    /// <summary>Anyone who may open an assessment: <see cref="CountryData"/> and national contributors (scoped to their sections).</summary>
    public const string Assessments = nameof(Assessments);

    /// <summary>Focal points, who manage their country's national contributors.</summary>
    public const string NationalTeam = nameof(NationalTeam);

    /// <summary>People who may submit best practices: focal points and contributors (and the Secretariat).</summary>
    public const string BestPracticeSubmitters = nameof(BestPracticeSubmitters);
}

public static class CopClaims
{
    public const string Country = "cop:country";
    public const string Region = "cop:region";
    public const string DisplayName = "cop:name";
}
