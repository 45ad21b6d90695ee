using CopAssessment.Web.Features.Reports;

namespace CopAssessment.Web.Tests.Reports;

/// <summary>The app with its Hangfire server running (the shared fixture turns jobs off) and a recovery pass every second.</summary>
public sealed class JobsAppFactory : CopAppFactory
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Jobs:Enabled"] = "true",
        ["Reporting:RecoveryIntervalSeconds"] = "1",
        ["Jobs:SchedulePollSeconds"] = "1",
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

/// <summary>
/// A Chromium that takes <see cref="StartDelaySeconds"/> to start (a loaded machine), and exports given up for dead
/// after 3 s without a heartbeat: the first PDF print of this app outlasts that many times over.
/// </summary>
public sealed class SlowPrintAppFactory : CopAppFactory
{
    public const int StartDelaySeconds = 10;

    public static string RealChromium => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>A script that waits, then becomes Chromium (same arguments, same pipes).</summary>
    public static string SlowChromium(int seconds)
    {
        var path = Path.Combine(Path.GetTempPath(), $"cop-slow-chromium-{seconds}.sh");
        File.WriteAllText(path, $"#!/bin/sh\nsleep {seconds}\nexec {RealChromium} \"$@\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Jobs:Enabled"] = "true",
        ["Jobs:SchedulePollSeconds"] = "1",
        ["Reporting:RecoveryIntervalSeconds"] = "1",
        ["Reporting:HeartbeatSeconds"] = "1",
        ["Reporting:StaleAfterSeconds"] = "3",
    };

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // CHROMIUM_PATH (set for the test run) wins over configuration, so the path is set on the options themselves.
        Microsoft.AspNetCore.TestHost.WebHostBuilderExtensions.ConfigureTestServices(builder, services =>
            ((ReportingOptions)services.Single(d => d.ServiceType == typeof(ReportingOptions)).ImplementationInstance!).ChromiumPath = SlowChromium(StartDelaySeconds));
    }
}

public class LongPrintTests(SlowPrintAppFactory app) : IClassFixture<SlowPrintAppFactory>
{
    [Fact]
    public async Task A_print_longer_than_the_stale_limit_keeps_its_heartbeat_and_is_produced_once()
    {
        var cycle = await CycleSeed.CreateAsync(app, PublicationPolicy.Anonymised, iso3 => iso3 is "KEN" or "GHA" or "NGA");
        Guid id = default;
        await app.WithScopeAsync(async services => id = (await services.GetRequiredService<ReportExports>()
            .RequestAsync(new ReportScope(ReportKind.Global, cycle, null, null), ReportFormat.Pdf, "en", UserScope.Everything, "reviewer@demo.local")).Id!.Value);

        var deadline = DateTime.UtcNow.AddSeconds(90);
        var longestAliveWhileRunning = TimeSpan.Zero;
        ReportExport state;
        while (true)
        {
            state = await app.WithDbAsync(db => db.Set<ReportExport>().AsNoTracking().SingleAsync(e => e.Id == id));
            if (state.Status == ExportStatus.Running && state.HeartbeatAt - state.StartedAt is { } alive && alive > longestAliveWhileRunning)
                longestAliveWhileRunning = alive;
            if (state.Status is ExportStatus.Done or ExportStatus.Failed || DateTime.UtcNow > deadline) break;
            await Task.Delay(250);
        }

        Assert.True(state.Status == ExportStatus.Done, $"Status {state.Status}: {state.Error}");
        // The heartbeat kept coming while Chromium started and printed, well past the 3 s after which an export is
        // given up for dead, so the recovery job (every second) never took it from its worker.
        Assert.True(longestAliveWhileRunning > TimeSpan.FromSeconds(SlowPrintAppFactory.StartDelaySeconds - 2), $"heartbeat seen {longestAliveWhileRunning} after the start");
        Assert.Equal(1, state.Attempts);
        Assert.Equal("%PDF"u8.ToArray(), state.Result![..4]);
    }
}
