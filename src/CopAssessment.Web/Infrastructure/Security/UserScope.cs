using System.Collections.Concurrent;
using System.Linq.Expressions;
using CopAssessment.Web.Data.Reports;

namespace CopAssessment.Web.Infrastructure.Security;

public enum ScopeKind { None, Country, Region, All }

/// <summary>
/// What country data the signed-in person may see: everything (Secretariat), one region (regional
/// coordinator), one country (focal point) or none. Every query over country data applies it with
/// <see cref="ScopeQueries.VisibleTo{T}"/>, so a record outside the scope is simply not found (404).
/// </summary>
public sealed record UserScope(ScopeKind Kind, string? CountryIso3 = null, string? RegionCode = null)
{
    public static readonly UserScope Nobody = new(ScopeKind.None);
    public static readonly UserScope Everything = new(ScopeKind.All);

    public static UserScope From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true) return Nobody;
        if (user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Reviewer)) return Everything;
        if (user.IsInRole(Roles.RegionalCoordinator) && user.FindFirstValue(CopClaims.Region) is { } region)
            return new UserScope(ScopeKind.Region, RegionCode: region);
        if (user.IsInRole(Roles.FocalPoint) && user.FindFirstValue(CopClaims.Country) is { } country)
            return new UserScope(ScopeKind.Country, CountryIso3: country);
        return Nobody;
    }

    public bool IsReadOnly => Kind == ScopeKind.Region;
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

    /// <summary>
    /// The same rule as <see cref="VisibleExpression{T}"/> for the one hot path written in SQL (autosave): a
    /// condition over the row's country and region columns, comparing with <paramref name="parameter"/>, which
    /// the caller binds to <c>Value</c> (text). A test holds the two versions to the same rows for every scope.
    /// </summary>
    public static (string Condition, string Value) SqlCondition(UserScope scope, string countryColumn, string regionColumn, string parameter) => scope.Kind switch
    {
        ScopeKind.All => ($"{parameter} = ''", ""),
        ScopeKind.Region => ($"{regionColumn} = {parameter}", scope.RegionCode ?? ""),
        ScopeKind.Country => ($"{countryColumn} = {parameter}", scope.CountryIso3 ?? ""),
        _ => ($"{parameter} <> {parameter}", ""),
    };

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
        CompiledReportRules.GetOrAdd(scope, s => ReportVisibleExpression<IReportScoped>(s).Compile())(report);

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
