using CopAssessment.Web.Features.Reports;
using CopAssessment.Web.Tests.Platform;
using Xunit.Abstractions;

namespace CopAssessment.Web.Tests.Reports;

/// <summary>
/// The app really killed (SIGKILL, as kill -9) in the middle of a PDF export, and started again: the export is
/// finished by the new process, promptly and once. Two processes on one database; this fixture's own app (jobs
/// off) holds the data and asks for the export.
/// </summary>
public class ExportCrashTests(CopAppFactory app, ITestOutputHelper output) : IClassFixture<CopAppFactory>
{
    // Shorter than the defaults (5 s, 20 s, 10 s) to keep the test short; the same mechanism, at the same ratios.
    private static readonly Dictionary<string, string> Timings = new()
    {
        ["Reporting__HeartbeatSeconds"] = "1",
        ["Reporting__StaleAfterSeconds"] = "5",
        ["Reporting__RecoveryIntervalSeconds"] = "2",
        ["Jobs__SchedulePollSeconds"] = "1",
    };

    [Fact]
    public async Task Export_killed_mid_print_is_completed_once_soon_after_the_app_is_back()
    {
        var cycle = await CycleSeed.CreateAsync(app, PublicationPolicy.Anonymised, iso3 => iso3 is "KEN" or "GHA" or "NGA");
        Dictionary<string, string> Settings(string chromium) => new(Timings)
        {
            ["ConnectionStrings__Cop"] = app.ConnectionString, ["Database__MigrateOnStartup"] = "false", ["Jobs__Enabled"] = "true",
            ["CHROMIUM_PATH"] = chromium, ["Mail__PickupDirectory"] = app.MailPickupDirectory,
            ["Logging__LogLevel__CopAssessment.Web.Features.Reports"] = "Information",
        };

        // First life: its Chromium never gets to print (it waits far longer than the test), so the export is caught mid-print.
        var first = AppProcess.Start(Settings(SlowPrintAppFactory.SlowChromium(120)));
        Guid id;
        ReportExport state;
        try
        {
            await first.WaitUntilServingAsync(TimeSpan.FromSeconds(60));
            id = await RequestAsync(cycle);
            state = await WaitForAsync(id, e => e.Status == ExportStatus.Running && e.Progress >= 30 && e.HeartbeatAt - e.StartedAt > TimeSpan.FromSeconds(3),
                TimeSpan.FromSeconds(60), first);
        }
        finally
        {
            first.Kill();
        }
        Assert.Equal(1, state.Attempts);
        Assert.Null(state.Result);

        // Second life, with a Chromium that starts at once.
        await using var second = AppProcess.Start(Settings(SlowPrintAppFactory.RealChromium));
        await second.WaitUntilServingAsync(TimeSpan.FromSeconds(60));
        var back = Stopwatch.StartNew();
        var done = await WaitForAsync(id, e => e.Status is ExportStatus.Done or ExportStatus.Failed, TimeSpan.FromSeconds(60), second);
        var took = back.Elapsed;
        output.WriteLine($"Completed {took.TotalSeconds:0.0} s after the restarted app answered.");

        Assert.True(done.Status == ExportStatus.Done, $"{done.Status}: {done.Error}");
        Assert.True(took < TimeSpan.FromSeconds(60), $"completed {took} after the app was back");
        // Claimed twice (the killed attempt and this one), produced once.
        Assert.Equal(2, done.Attempts);
        Assert.Equal("%PDF"u8.ToArray(), done.Result![..4]);
        // The console logger writes in the background: give the line a moment to arrive.
        var produced = $"Report export {id} produced";
        for (var wait = 0; wait < 50 && !second.Output.Contains(produced); wait++) await Task.Delay(100);
        Assert.Single(Regex.Matches(second.Output, produced));
        Assert.DoesNotContain($"Report export {id} produced", first.Output);
    }

    private async Task<Guid> RequestAsync(int cycle)
    {
        Guid id = default;
        await app.WithScopeAsync(async services => id = (await services.GetRequiredService<ReportExports>()
            .RequestAsync(new ReportScope(ReportKind.Global, cycle), ReportFormat.Pdf, "en", UserScope.Everything, "reviewer@demo.local")).Id!.Value);
        return id;
    }

    private async Task<ReportExport> WaitForAsync(Guid id, Func<ReportExport, bool> reached, TimeSpan timeout, AppProcess process)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var export = await app.WithDbAsync(db => db.Set<ReportExport>().AsNoTracking().SingleAsync(e => e.Id == id));
            if (reached(export)) return export;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Export {export.Status}, progress {export.Progress}, attempts {export.Attempts}:\n{process.Output}");
            await Task.Delay(250);
        }
    }
}
