namespace CopAssessment.Web.Tests.Reports;

/// <summary>The app with its Quartz scheduler running (the shared fixture turns jobs off) and a fast recovery pass.</summary>
public sealed class JobsAppFactory : CopAppFactory
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Jobs:Enabled"] = "true",
        ["Reporting:RecoveryIntervalSeconds"] = "1",
    };
}

public class ExportRecoveryTests(JobsAppFactory app) : IClassFixture<JobsAppFactory>
{
    [Fact]
    public async Task Export_left_running_by_a_dead_instance_is_completed_after_a_restart()
    {
        var cycle = await CycleSeed.CreateAsync(app, PublicationPolicy.Anonymised, iso3 => iso3 is "KEN" or "GHA" or "NGA" or "SEN" or "FRA");
        // What a crash mid-generation leaves behind: running, a stale heartbeat, no result. This instance
        // has just started (the "restart"); its recovery job must pick the export up and finish it.
        var id = await app.WithDbAsync(async db =>
        {
            var export = new ReportExport
            {
                Kind = ReportKind.Global, CycleId = cycle, Format = ReportFormat.Excel, Language = "fr", RequestedBy = "reviewer@demo.local",
                Status = ExportStatus.Running, Progress = 30, Attempts = 1,
                StartedAt = DateTimeOffset.UtcNow.AddMinutes(-10), HeartbeatAt = DateTimeOffset.UtcNow.AddMinutes(-10),
            };
            db.Add(export);
            await db.SaveChangesAsync();
            return export.Id;
        });

        var deadline = DateTime.UtcNow.AddSeconds(90);
        ReportExport? state = null;
        while (DateTime.UtcNow < deadline)
        {
            state = await app.WithDbAsync(db => db.Set<ReportExport>().AsNoTracking().SingleAsync(e => e.Id == id));
            if (state.Status is ExportStatus.Done or ExportStatus.Failed) break;
            await Task.Delay(500);
        }
        Assert.NotNull(state);
        Assert.True(state.Status == ExportStatus.Done, $"Status {state.Status}: {state.Error}");
        Assert.Equal(2, state.Attempts);
        Assert.NotNull(state.Result);
        Assert.True(state.ExpiresAt > DateTimeOffset.UtcNow.AddDays(6));
    }
}
