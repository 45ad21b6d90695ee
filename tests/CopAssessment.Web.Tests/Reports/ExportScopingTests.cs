using System.Net;
using CopAssessment.Web.Features.Reports;

namespace CopAssessment.Web.Tests.Reports;

/// <summary>Report exports are scoped by <c>VisibleTo</c>, the rule a report about to be built or requested is checked with.</summary>
[Collection(AppCollection.Name)]
public class ExportScopingTests(CopAppFactory app)
{
    private const string Coordinator = "coordinator.afr@demo.local";

    private async Task<Dictionary<string, Guid>> ExportsAsync(int cycle) => await app.WithDbAsync(async db =>
    {
        ReportExport Export(ReportKind kind, string? region, string? country, ExportStatus status = ExportStatus.Done) => new()
        {
            Kind = kind, CycleId = cycle, RegionCode = region, CountryIso3 = country, Format = ReportFormat.Excel, Language = "en",
            // Requested by the coordinator: the list of "your recent reports" still shows only what their scope covers.
            RequestedBy = Coordinator, Status = status, FileName = "report.xlsx",
            Result = status == ExportStatus.Done ? [1, 2, 3] : null, Error = status == ExportStatus.Failed ? "failed" : null,
        };
        var exports = new Dictionary<string, ReportExport>
        {
            ["AFR"] = Export(ReportKind.Regional, "AFR", null),
            ["KEN"] = Export(ReportKind.Country, "AFR", "KEN"),
            ["AFR-failed"] = Export(ReportKind.Regional, "AFR", null, ExportStatus.Failed),
            ["EUR"] = Export(ReportKind.Regional, "EUR", null),
            ["FRA"] = Export(ReportKind.Country, "EUR", "FRA"),
            ["EUR-failed"] = Export(ReportKind.Regional, "EUR", null, ExportStatus.Failed),
            ["Global"] = Export(ReportKind.Global, null, null),
        };
        db.AddRange(exports.Values);
        await db.SaveChangesAsync();
        return exports.ToDictionary(e => e.Key, e => e.Value.Id);
    });

    [Fact]
    public async Task Regional_coordinator_sees_their_regions_exports_and_gets_404_for_another_regions_and_the_global_one()
    {
        var cycle = await CycleSeed.CreateAsync(app, PublicationPolicy.Named, iso3 => iso3 is "KEN" or "FRA");
        var ids = await ExportsAsync(cycle);
        var coordinator = await app.SignedInClientAsync(Coordinator);

        foreach (var own in new[] { "AFR", "KEN" })
        {
            Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/reports/exports/{ids[own]}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/reports/exports/{ids[own]}/status")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/reports/exports/{ids[own]}/download")).StatusCode);
        }
        foreach (var other in new[] { "EUR", "FRA", "Global" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/reports/exports/{ids[other]}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/reports/exports/{ids[other]}/status")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/reports/exports/{ids[other]}/download")).StatusCode);
        }
        var page = await coordinator.GetStringAsync("/reports");
        Assert.Contains($"/reports/exports/{ids["AFR"]}", page);
        Assert.Contains($"/reports/exports/{ids["KEN"]}", page);
        Assert.DoesNotContain($"/reports/exports/{ids["EUR"]}", page);
        Assert.DoesNotContain($"/reports/exports/{ids["FRA"]}", page);
        Assert.DoesNotContain($"/reports/exports/{ids["Global"]}", page);

        // Retrying another region's failed export is refused as not found and leaves it failed.
        var retry = await coordinator.PostFormAsync("/reports", $"/reports/exports/{ids["EUR-failed"]}/retry", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.NotFound, retry.StatusCode);
        Assert.Equal(ExportStatus.Failed, await app.WithDbAsync(db => db.Set<ReportExport>().Where(e => e.Id == ids["EUR-failed"]).Select(e => e.Status).SingleAsync()));
    }

    /// <summary>The query (exports) and the check made before a report is built or requested are the same rule for every scope.</summary>
    [Fact]
    public async Task The_export_query_and_the_report_check_agree_for_every_scope()
    {
        var cycle = await CycleSeed.CreateAsync(app, PublicationPolicy.Named, iso3 => iso3 is "KEN" or "FRA");
        var ids = await ExportsAsync(cycle);
        UserScope[] scopes =
        [
            UserScope.Everything, UserScope.Nobody, new(ScopeKind.Region, RegionCode: "AFR"), new(ScopeKind.Region, RegionCode: "EUR"),
            new(ScopeKind.Country, CountryIso3: "KEN"), new(ScopeKind.Country, CountryIso3: "FRA"),
        ];
        foreach (var scope in scopes)
        {
            var (queried, exports) = await app.WithDbAsync(async db => (
                (await db.Set<ReportExport>().VisibleTo(scope).Where(e => ids.Values.Contains(e.Id)).Select(e => e.Id).ToListAsync()).ToHashSet(),
                await db.Set<ReportExport>().AsNoTracking().Where(e => ids.Values.Contains(e.Id)).ToListAsync()));
            var checkedBeforeBuilding = exports.Where(e => new ReportScope(e.Kind, e.CycleId, e.Kind == ReportKind.Regional ? e.RegionCode : null, e.CountryIso3)
                .IsVisibleTo(scope, e.Kind == ReportKind.Country ? e.RegionCode : null)).Select(e => e.Id).ToHashSet();
            Assert.True(queried.SetEquals(checkedBeforeBuilding), $"{scope}: query {queried.Count}, check {checkedBeforeBuilding.Count}");
        }
        Assert.Equal(7, (await app.WithDbAsync(db => db.Set<ReportExport>().VisibleTo(UserScope.Everything).CountAsync(e => ids.Values.Contains(e.Id)))));
    }
}
