using System.Net;
using CopAssessment.Web.Features.Reports;
using CopAssessment.Web.Features.Review;
using CopAssessment.Web.Infrastructure.Jobs;
using CopAssessment.Web.Tests.Reports;
using Hangfire;
using Hangfire.Common;
using Hangfire.Storage;

namespace CopAssessment.Web.Tests.Platform;

/// <summary>
/// The background jobs as Hangfire holds them (the real PostgreSQL storage of the shared app, whose server is off:
/// the tests run each job the way a worker would, in a scope of its own, and more than once).
/// </summary>
[Collection(AppCollection.Name)]
public class JobsTests(CopAppFactory app)
{
    [Fact]
    public async Task Every_recurring_job_is_registered_at_start_up_once_and_one_no_longer_declared_is_removed()
    {
        var manager = app.Services.GetRequiredService<IRecurringJobManager>();
        manager.AddOrUpdate("renamed-long-ago", () => Console.WriteLine(), Cron.Daily());

        // Another start-up (a restart, a second instance) registers the same jobs again.
        var registration = ActivatorUtilities.CreateInstance<RecurringJobsRegistration>(app.Services);
        await registration.StartAsync(CancellationToken.None);
        await registration.StartAsync(CancellationToken.None);

        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        var jobs = connection.GetRecurringJobs();
        Assert.Equal(new Dictionary<string, (string, Type)>
        {
            [OutboxDispatchJob.Id] = ("*/15 * * * * *", typeof(OutboxDispatchJob)),
            [ReportRecoveryJob.Id] = ("*/10 * * * * *", typeof(ReportRecoveryJob)),
            [ReportCleanupJob.Id] = ("35 * * * *", typeof(ReportCleanupJob)),
            [DeadlineReminderJob.Id] = ("5 * * * *", typeof(DeadlineReminderJob)),
        }, jobs.ToDictionary(j => j.Id, j => (j.Cron, j.Job.Type)));
    }

    [Fact]
    public void Mail_dispatch_is_retried_with_back_off_and_an_export_is_never_retried_by_Hangfire()
    {
        var filters = app.Services.GetRequiredService<IJobFilterProvider>();
        AutomaticRetryAttribute Retry(Job job) => filters.GetFilters(job).Select(f => f.Instance).OfType<AutomaticRetryAttribute>().Single();

        var mail = Retry(Job.FromExpression<OutboxDispatchJob>(j => j.RunAsync(CancellationToken.None)));
        Assert.Equal(3, mail.Attempts);
        Assert.Equal([10, 60, 300], mail.DelaysInSeconds);
        Assert.Equal(AttemptsExceededAction.Delete, mail.OnAttemptsExceeded);
        Assert.Equal(0, Retry(Job.FromExpression<ReportExportJob>(j => j.RunAsync(Guid.Empty, CancellationToken.None))).Attempts);
        var reminders = Retry(Job.FromExpression<DeadlineReminderJob>(j => j.RunAsync(CancellationToken.None)));
        Assert.Equal(3, reminders.Attempts);
        Assert.Equal([60, 300, 900], reminders.DelaysInSeconds);
    }

    [Fact]
    public async Task Mail_dispatch_run_again_does_not_send_a_message_twice()
    {
        var to = $"once-{Guid.NewGuid():N}@test.local";
        var id = await app.WithDbAsync(async db =>
        {
            var message = new OutboxMessage { To = to, Subject = "Once", Body = "Hello" };
            db.OutboxMessages.Add(message);
            await db.SaveChangesAsync();
            return message.Id;
        });
        // Other tests queue mail too and a run sends the oldest fifty: run until this one is sent (bounded).
        for (var run = 0; run < 50 && await SentAtAsync(id) is null; run++) await RunAsync<OutboxDispatchJob>(j => j.RunAsync(CancellationToken.None));
        var sentAt = await SentAtAsync(id);
        Assert.NotNull(sentAt);
        var file = Path.Combine(app.MailPickupDirectory, $"{id:D8}.eml");
        var written = File.GetLastWriteTimeUtc(file);

        await Task.WhenAll(RunAsync<OutboxDispatchJob>(j => j.RunAsync(CancellationToken.None)), RunAsync<OutboxDispatchJob>(j => j.RunAsync(CancellationToken.None)));

        Assert.Equal(sentAt, await SentAtAsync(id));
        Assert.Equal(written, File.GetLastWriteTimeUtc(file));
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == id).Select(m => m.Attempts).SingleAsync()));
    }

    [Fact]
    public async Task Export_job_run_twice_at_once_and_again_late_produces_the_export_once()
    {
        var cycle = await CycleSeed.CreateAsync(app, PublicationPolicy.Anonymised, iso3 => iso3 is "KEN" or "GHA" or "NGA");
        var id = await AddExportAsync(new ReportExport { Kind = ReportKind.Global, CycleId = cycle, Format = ReportFormat.Excel, Language = "en", RequestedBy = "t" });

        await Task.WhenAll(RunAsync<ReportExportJob>(j => j.RunAsync(id, CancellationToken.None)), RunAsync<ReportExportJob>(j => j.RunAsync(id, CancellationToken.None)));
        var done = await ExportAsync(id);
        Assert.Equal(ExportStatus.Done, done.Status);
        Assert.Equal(1, done.Attempts);

        // What a late re-queue of the job by Hangfire (after its invisibility timeout) does: nothing.
        await RunAsync<ReportExportJob>(j => j.RunAsync(id, CancellationToken.None));
        var later = await ExportAsync(id);
        Assert.Equal((ExportStatus.Done, 1, done.FinishedAt), (later.Status, later.Attempts, later.FinishedAt));
        Assert.Equal(done.Result, later.Result);
    }

    [Fact]
    public async Task Recovery_run_twice_at_once_enqueues_an_interrupted_export_once()
    {
        var cycle = await CycleSeed.CreateAsync(app, PublicationPolicy.Anonymised, iso3 => iso3 is "KEN" or "GHA");
        var id = await AddExportAsync(new ReportExport
        {
            Kind = ReportKind.Global, CycleId = cycle, Format = ReportFormat.Excel, Language = "en", RequestedBy = "t",
            Status = ExportStatus.Running, Attempts = 1, Progress = 30,
            StartedAt = DateTimeOffset.UtcNow.AddMinutes(-3), HeartbeatAt = DateTimeOffset.UtcNow.AddMinutes(-3),
        });

        await Task.WhenAll(RunAsync<ReportRecoveryJob>(j => j.RunAsync(CancellationToken.None)), RunAsync<ReportRecoveryJob>(j => j.RunAsync(CancellationToken.None)));
        await RunAsync<ReportRecoveryJob>(j => j.RunAsync(CancellationToken.None));

        var export = await ExportAsync(id);
        Assert.Equal(ExportStatus.Queued, export.Status);
        Assert.True(export.HeartbeatAt > DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.Equal(1, EnqueuedJobsFor(id));
    }

    [Fact]
    public async Task Clean_up_run_twice_deletes_expired_exports_and_nothing_else()
    {
        var cycle = await CycleSeed.CreateAsync(app, PublicationPolicy.Anonymised, iso3 => iso3 is "KEN");
        ReportExport Make(int days) => new()
        {
            Kind = ReportKind.Global, CycleId = cycle, Format = ReportFormat.Pdf, Language = "en", RequestedBy = "t",
            Status = ExportStatus.Done, Result = [1], ExpiresAt = DateTimeOffset.UtcNow.AddDays(days),
        };
        var expired = await AddExportAsync(Make(-1));
        var fresh = await AddExportAsync(Make(6));
        await RunAsync<ReportCleanupJob>(j => j.RunAsync(CancellationToken.None));
        await RunAsync<ReportCleanupJob>(j => j.RunAsync(CancellationToken.None));
        var left = await app.WithDbAsync(db => db.Set<ReportExport>().Where(e => e.Id == expired || e.Id == fresh).Select(e => e.Id).ToListAsync());
        Assert.Equal([fresh], left);
    }

    [Fact]
    public async Task Export_that_fails_is_marked_failed_without_a_Hangfire_retry_and_retried_from_its_page()
    {
        var cycle = await CycleSeed.CreateAsync(app, PublicationPolicy.Anonymised, iso3 => iso3 is "KEN");
        // A scorecard of a country that is not there (any failure of generation would do): the job records it and ends.
        var id = await AddExportAsync(new ReportExport
        {
            Kind = ReportKind.Country, CycleId = cycle, CountryIso3 = "ZZZ", RegionCode = "AFR", Format = ReportFormat.Excel, Language = "en",
            RequestedBy = "reviewer@demo.local",
        });
        await RunAsync<ReportExportJob>(j => j.RunAsync(id, CancellationToken.None));
        var failed = await ExportAsync(id);
        Assert.Equal(ExportStatus.Failed, failed.Status);
        Assert.Equal("The cycle or the country of this report no longer exists.", failed.Error);

        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        Assert.Contains(failed.Error!, await reviewer.GetStringAsync($"/reports/exports/{id}"));
        var retry = await reviewer.PostFormAsync($"/reports/exports/{id}", $"/reports/exports/{id}/retry", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        Assert.Equal(ExportStatus.Queued, (await ExportAsync(id)).Status);
        Assert.Equal(1, EnqueuedJobsFor(id));
    }

    private Task RunAsync<TJob>(Func<TJob, Task> run) where TJob : notnull =>
        app.WithScopeAsync(services => run(services.GetRequiredService<TJob>()));

    private Task<DateTimeOffset?> SentAtAsync(long id) => app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == id).Select(m => m.SentAt).SingleAsync());

    private Task<Guid> AddExportAsync(ReportExport export) => app.WithDbAsync(async db =>
    {
        db.Add(export);
        await db.SaveChangesAsync();
        return export.Id;
    });

    private Task<ReportExport> ExportAsync(Guid id) => app.WithDbAsync(db => db.Set<ReportExport>().AsNoTracking().SingleAsync(e => e.Id == id));

    /// <summary>Jobs waiting in Hangfire's queue (no server runs here) to generate this export.</summary>
    private int EnqueuedJobsFor(Guid id) => app.Services.GetRequiredService<JobStorage>().GetMonitoringApi().EnqueuedJobs("default", 0, 100_000)
        .Count(j => j.Value.Job?.Type == typeof(ReportExportJob) && j.Value.Job.Args[0] is Guid g && g == id);
}
