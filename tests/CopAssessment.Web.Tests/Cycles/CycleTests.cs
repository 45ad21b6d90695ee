using System.Net;
using CopAssessment.Domain.Workflow;
using CopAssessment.Tests;
using CopAssessment.Web.Data.Assessments;
using Microsoft.EntityFrameworkCore;
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

    private Task<CycleStatus> StatusAsync(int id) => app.WithDbAsync(db => db.Set<AssessmentCycle>().Where(c => c.Id == id).Select(c => c.Status).SingleAsync());
}
