using System.Net;
using static CopAssessment.Web.Tests.Assessments.AssessmentTestKit;

namespace CopAssessment.Web.Tests.Cycles;

[Collection(AppCollection.Name)]
public class CycleTests(CopAppFactory app)
{
    [Fact]
    public async Task Administrator_extends_closes_and_publishes_a_cycle_and_others_cannot()
    {
        var cycleId = await OpenCycleAsync(app);
        var admin = await app.SignedInClientAsync("admin@demo.local");
        Assert.Contains("Test cycle", await admin.GetStringAsync("/admin/cycles"));
        var deadline = DateTime.UtcNow.AddDays(90).ToString("yyyy-MM-dd");
        await admin.PostFormAsync("/admin/cycles", $"/admin/cycles/{cycleId}/deadline", new Dictionary<string, string> { ["deadline"] = deadline });
        Assert.Equal(deadline, (await app.WithDbAsync(db => db.Set<AssessmentCycle>().Where(c => c.Id == cycleId).Select(c => c.Deadline).SingleAsync())).ToString("yyyy-MM-dd"));
        await admin.PostFormAsync("/admin/cycles", $"/admin/cycles/{cycleId}/publish", new Dictionary<string, string>());
        Assert.Equal(CycleStatus.Open, await StatusAsync(cycleId));
        await admin.PostFormAsync("/admin/cycles", $"/admin/cycles/{cycleId}/close", new Dictionary<string, string>());
        await admin.PostFormAsync("/admin/cycles", $"/admin/cycles/{cycleId}/publish", new Dictionary<string, string>());
        Assert.Equal(CycleStatus.Published, await StatusAsync(cycleId));

        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.GetAsync("/admin/cycles")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.GetAsync("/admin/audit")).StatusCode);
    }

    [Fact]
    public async Task Demo_cycle_has_forty_countries_in_every_status_over_six_regions_and_Kenya_is_a_draft()
    {
        var rows = await app.WithDbAsync(db => db.Set<Submission>().Where(s => s.Cycle!.Name == "2026 stocktaking" && db.Set<Answer>().Any(a => a.SubmissionId == s.Id))
            .Select(s => new { s.CountryIso3, s.Country!.RegionCode, s.Status }).ToListAsync());
        Assert.True(rows.Count >= 40);
        Assert.Equal(6, rows.Select(r => r.RegionCode).Distinct().Count());
        foreach (var status in new[] { SubmissionStatus.Draft, SubmissionStatus.Submitted, SubmissionStatus.Returned, SubmissionStatus.Validated })
            Assert.Contains(rows, r => r.Status == status);
        Assert.Equal(SubmissionStatus.Draft, await app.WithDbAsync(db => db.Set<Submission>().Where(s => s.Cycle!.Name == "2026 stocktaking" && s.CountryIso3 == "KEN").Select(s => s.Status).SingleAsync()));
    }

    [Fact]
    public async Task Administrator_changes_the_publication_policy_until_publication_audited_and_old_exports_go()
    {
        var cycleId = await OpenCycleAsync(app);
        var export = await app.WithDbAsync(async db =>
        {
            var e = new CopAssessment.Web.Data.Reports.ReportExport
            {
                Kind = CopAssessment.Web.Reporting.ReportKind.Global, CycleId = cycleId, Format = CopAssessment.Web.Reporting.ReportFormat.Excel,
                Language = "en", RequestedBy = "reviewer@demo.local", Status = CopAssessment.Web.Data.Reports.ExportStatus.Done, Result = [1],
            };
            db.Add(e);
            await db.SaveChangesAsync();
            return e.Id;
        });
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var list = await admin.GetStringAsync("/admin/cycles");
        Assert.Contains($"action=\"/admin/cycles/{cycleId}/policy\"", list);

        var named = await admin.PostFormAsync("/admin/cycles", $"/admin/cycles/{cycleId}/policy", new Dictionary<string, string> { ["policy"] = "Named" });
        Assert.Equal(HttpStatusCode.Redirect, named.StatusCode);
        Assert.Contains("publication policy set to &quot;Named results&quot;", await admin.GetStringAsync("/admin/cycles"));
        Assert.Equal(PublicationPolicy.Named, await PolicyAsync(cycleId));
        Assert.False(await app.WithDbAsync(db => db.Set<CopAssessment.Web.Data.Reports.ReportExport>().AnyAsync(e => e.Id == export)));
        var name = await app.WithDbAsync(db => db.Set<AssessmentCycle>().Where(c => c.Id == cycleId).Select(c => c.Name).SingleAsync());
        var audit = await app.WithDbAsync(db => db.AuditEvents.Where(a => a.Action == "cycle-policy-changed" && a.Subject == name).Select(a => new { a.Details, a.UserEmail }).SingleAsync());
        Assert.StartsWith("Anonymised → Named", audit.Details);
        Assert.Equal("admin@demo.local", audit.UserEmail);

        // An unreadable value changes nothing and says so.
        var unknown = await admin.PostFormAsync("/admin/cycles", $"/admin/cycles/{cycleId}/policy", new Dictionary<string, string> { ["policy"] = "Public" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Contains("Choose a publication policy.", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(PublicationPolicy.Named, await PolicyAsync(cycleId));

        // Others cannot.
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        var refused = await reviewer.PostFormAsync("/reports", $"/admin/cycles/{cycleId}/policy", new Dictionary<string, string> { ["policy"] = "Anonymised" });
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(PublicationPolicy.Named, await PolicyAsync(cycleId));

        // Once published it is final, with a message.
        await admin.PostFormAsync("/admin/cycles", $"/admin/cycles/{cycleId}/close", new Dictionary<string, string>());
        await admin.PostFormAsync("/admin/cycles", $"/admin/cycles/{cycleId}/publish", new Dictionary<string, string>());
        Assert.Equal(CycleStatus.Published, await StatusAsync(cycleId));
        Assert.DoesNotContain($"action=\"/admin/cycles/{cycleId}/policy\"", await admin.GetStringAsync("/admin/cycles"));
        var late = await admin.PostFormAsync("/admin/cycles", $"/admin/cycles/{cycleId}/policy", new Dictionary<string, string> { ["policy"] = "Anonymised" });
        Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);
        Assert.Contains("The publication policy cannot change once the cycle is published.", await admin.GetStringAsync("/admin/cycles"));
        Assert.Equal(PublicationPolicy.Named, await PolicyAsync(cycleId));
    }

    private Task<PublicationPolicy> PolicyAsync(int id) => app.WithDbAsync(db => db.Set<AssessmentCycle>().Where(c => c.Id == id).Select(c => c.PublicationPolicy).SingleAsync());

    private Task<CycleStatus> StatusAsync(int id) => app.WithDbAsync(db => db.Set<AssessmentCycle>().Where(c => c.Id == id).Select(c => c.Status).SingleAsync());
}
