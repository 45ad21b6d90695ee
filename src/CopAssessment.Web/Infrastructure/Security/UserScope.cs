using System.Collections.Concurrent;
using System.Linq.Expressions;
using CopAssessment.Web.Data.Reports;

namespace CopAssessment.Web.Infrastructure.Security;

public enum ScopeKind { None, Country, Region, All }

/// <summary>
/// What country data the signed-in person may see: everything (Secretariat), one region (regional
/// coordinator), one country (focal point) or none. Every query over country data applies it with
/// <see cref="ScopeQueries.VisibleTo{T}"/>, so a record outside the scope is simply not found (404).
/// A national contributor's scope is one country too, narrowed to <see cref="Sections"/>: the current assessment
/// only, edits in those sections only (checked again in autosave's SQL, <see cref="ScopeQueries.SqlSectionCondition"/>).
/// </summary>
public sealed record UserScope(ScopeKind Kind, string? CountryIso3 = null, string? RegionCode = null)
{
    public static readonly UserScope Nobody = new(ScopeKind.None);
    public static readonly UserScope Everything = new(ScopeKind.All);

    /// <summary>A national contributor's sections; null for everyone else.</summary>
    public ContributorSections? Sections { get; init; }

    /// <param name="assignments">A national contributor's assignment rows (country, section, others hidden), read when asked.</param>
    public static UserScope From(ClaimsPrincipal? user, Func<string, IReadOnlyList<(string Country, string Section, bool OthersHidden)>>? assignments = null)
    {
        if (user?.Identity?.IsAuthenticated != true) return Nobody;
        if (user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Reviewer)) return Everything;
        if (user.IsInRole(Roles.RegionalCoordinator) && user.FindFirstValue(CopClaims.Region) is { } region)
            return new UserScope(ScopeKind.Region, RegionCode: region);
        if (user.IsInRole(Roles.NationalContributor))
            return user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id && assignments?.Invoke(id) is { Count: > 0 } rows ? Contributor(id, rows) : Nobody;
        if (user.IsInRole(Roles.FocalPoint) && user.FindFirstValue(CopClaims.Country) is { } country)
            return new UserScope(ScopeKind.Country, CountryIso3: country);
        return Nobody;
    }

    public bool IsReadOnly => Kind == ScopeKind.Region;

    /// <summary>A national contributor's scope from their assignment rows (all of one country; the first row's wins).</summary>
    public static UserScope Contributor(string userId, IReadOnlyList<(string Country, string Section, bool OthersHidden)> rows)
    {
        var country = rows[0].Country;
        var mine = rows.Where(r => r.Country == country).ToList();
        return new UserScope(ScopeKind.Country, CountryIso3: country)
        {
            Sections = new ContributorSections(userId, mine.Select(r => r.Section).ToHashSet(StringComparer.Ordinal), mine.Any(r => r.OthersHidden)),
        };
    }
}

public static class ScopeQueries
{
    public static IQueryable<Country> VisibleTo(this IQueryable<Country> countries, UserScope scope) => scope.Kind switch
    {
        ScopeKind.All => countries,
        ScopeKind.Region => countries.Where(c => c.RegionCode == scope.RegionCode),
        ScopeKind.Country => countries.Where(c => c.Iso3 == scope.CountryIso3),
        _ => countries.Where(c => false),
    };

    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> rows, UserScope scope) where T : class, ICountryScoped =>
        rows.Where(VisibleExpression<T>(scope));

    /// <summary>Submissions: as every country row, and a national contributor sees only the current (open) cycle's.</summary>
    public static IQueryable<Submission> VisibleTo(this IQueryable<Submission> submissions, UserScope scope) =>
        scope.Sections is null ? submissions.Where(VisibleExpression<Submission>(scope))
            : submissions.Where(VisibleExpression<Submission>(scope)).Where(s => s.Cycle!.Status == CycleStatus.Open);

    /// <summary>
    /// The same rule as <see cref="VisibleExpression{T}"/> for the one hot path written in SQL (autosave): a
    /// condition over the row's country and region columns, comparing with <paramref name="parameter"/>, which
    /// the caller binds to <c>Value</c> (text). A test holds the two versions to the same rows for every scope.
    /// </summary>
    /// <param name="cycleStatusColumn">The submission's cycle status, for a national contributor (current cycle only).</param>
    public static (string Condition, string Value) SqlCondition(UserScope scope, string countryColumn, string regionColumn, string parameter,
        string? cycleStatusColumn = null) => scope.Kind switch
    {
        ScopeKind.All => ($"{parameter} = ''", ""),
        ScopeKind.Region => ($"{regionColumn} = {parameter}", scope.RegionCode ?? ""),
        ScopeKind.Country when scope.Sections is not null =>
            ($"{countryColumn} = {parameter} AND {cycleStatusColumn ?? throw new ArgumentNullException(nameof(cycleStatusColumn), "A contributor's scope needs the cycle")} = '{nameof(CycleStatus.Open)}'",
                scope.CountryIso3 ?? ""),
        ScopeKind.Country => ($"{countryColumn} = {parameter}", scope.CountryIso3 ?? ""),
        _ => ($"{parameter} <> {parameter}", ""),
    };

    /// <summary>
    /// Autosave's write, for a national contributor: the question is in one of their sections, read again from
    /// <c>ContributorAssignments</c> in the statement itself, so a revocation racing a save wins.
    /// <paramref name="userParameter"/> is bound to <c>Value</c> (text), <paramref name="sectionsParameter"/> to the
    /// question's sections (<see cref="ContributorSections.SectionsOf"/>, text[]). Everyone else: always true.
    /// </summary>
    public static (string Condition, string Value) SqlSectionCondition(UserScope scope, string countryColumn, string userParameter, string sectionsParameter) =>
        scope.Sections is { } sections
            ? ($"EXISTS (SELECT 1 FROM \"ContributorAssignments\" a WHERE a.\"UserId\" = {userParameter} AND a.\"CountryIso3\" = {countryColumn} AND a.\"SectionKey\" = ANY({sectionsParameter}))",
                sections.UserId)
            : ($"({userParameter} = '' AND {sectionsParameter} IS NOT NULL)", "");

    /// <summary>Report exports, by what the report covers (<see cref="ReportVisibleExpression{T}"/>).</summary>
    public static IQueryable<ReportExport> VisibleTo(this IQueryable<ReportExport> exports, UserScope scope) =>
        exports.Where(ReportVisibleExpression<ReportExport>(scope));

    /// <summary>
    /// The one rule for who may see a report, in the query (exports) and in memory (<see cref="Sees"/>, for a
    /// report about to be built or requested): the Secretariat any; a regional coordinator the region's report and
    /// its countries' scorecards, never the global one; a focal point the scorecard of the country.
    /// </summary>
    public static Expression<Func<T, bool>> ReportVisibleExpression<T>(UserScope scope) where T : IReportScoped
    {
        var region = scope.RegionCode;
        var country = scope.CountryIso3;
        return scope.Kind switch
        {
            ScopeKind.All => x => true,
            ScopeKind.Region => x => x.Kind != ReportKind.Global && x.RegionCode == region,
            ScopeKind.Country => x => x.Kind == ReportKind.Country && x.CountryIso3 == country,
            _ => x => false,
        };
    }

    // Compiled once per scope (a region, a country, everything, nobody: a few hundred at most).
    private static readonly ConcurrentDictionary<UserScope, Func<IReportScoped, bool>> CompiledReportRules = new();

    /// <summary>Whether <paramref name="scope"/> may see <paramref name="report"/>: <see cref="ReportVisibleExpression{T}"/> evaluated in memory.</summary>
    public static bool Sees(this UserScope scope, IReportScoped report) =>
        CompiledReportRules.GetOrAdd(scope with { Sections = null }, s => ReportVisibleExpression<IReportScoped>(s).Compile())(report);

    public static Expression<Func<T, bool>> VisibleExpression<T>(UserScope scope) where T : class, ICountryScoped
    {
        var region = scope.RegionCode;
        var country = scope.CountryIso3;
        return scope.Kind switch
        {
            ScopeKind.All => x => true,
            ScopeKind.Region => x => x.Country!.RegionCode == region,
            ScopeKind.Country => x => x.CountryIso3 == country,
            _ => x => false,
        };
    }
}
