using CopAssessment.Web.Data.Reports;
using CopAssessment.Web.Reporting.Excel;
using CopAssessment.Web.Reporting.Pdf;
using Quartz;

namespace CopAssessment.Web.Features.Reports;

public sealed record ExportView(Guid Id, ReportKind Kind, int CycleId, string CycleName, string? RegionCode, string? CountryIso3,
    ReportFormat Format, string Language, ExportStatus Status, int Progress, string? Error, string? FileName,
    DateTimeOffset RequestedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, DateTimeOffset? ExpiresAt)
{
    /// <summary>The country's name in the reader's language, or the region's (English, as stored, translated by <see cref="Title"/>), not its code.</summary>
    public string? SubjectName { get; init; }

    /// <summary>"Country scorecard · Kenya", "Regional stocktaking · Africa", "Global stocktaking".</summary>
    public string Title(IStringLocalizer L) => L.Label(Kind) + (SubjectName is null ? "" : " · " + (Kind == ReportKind.Regional ? L.Region(SubjectName) : SubjectName));

    public TimeSpan Elapsed => ((Status is ExportStatus.Done or ExportStatus.Failed ? FinishedAt : null) ?? DateTimeOffset.UtcNow) - (StartedAt ?? RequestedAt);
}

/// <summary>What became of an export request: queued (<see cref="Id"/>), refused as outside the caller's scope (no id: 404), or for a region that does not exist.</summary>
public readonly record struct ExportRequestOutcome(Guid? Id, bool UnknownRegion = false);

/// <summary>Requests, scoping and generation of background report exports.</summary>
public sealed class ReportExports(CopDbContext db, ReportLoader loader, ExcelReportWriter excel, IServiceProvider services, CycleTitles cycleTitles,
    ReportingOptions options, ISchedulerFactory schedulers, PlaceNames places, ILogger<ReportExports> logger)
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Queues an export the caller may see and schedules its job. No id when the scope is not theirs; a
    /// regional report of a region that does not exist is refused here rather than failing in the job.
    /// </summary>
    public async Task<ExportRequestOutcome> RequestAsync(ReportScope scope, ReportFormat format, string language, UserScope caller, string requestedBy)
    {
        var refused = new ExportRequestOutcome(null);
        if (await loader.FindCycleAsync(scope.CycleId) is null) return refused;
        var countryRegion = scope.CountryIso3 is null ? null
            : await db.Countries.VisibleTo(caller).Where(c => c.Iso3 == scope.CountryIso3).Select(c => c.RegionCode).SingleOrDefaultAsync();
        if (scope.Kind == ReportKind.Country && countryRegion is null) return refused;
        if (!scope.IsVisibleTo(caller, countryRegion)) return refused;
        if (scope.Kind == ReportKind.Regional && !await db.Regions.AnyAsync(r => r.Code == scope.RegionCode))
            return new ExportRequestOutcome(null, UnknownRegion: true);
        var export = new ReportExport
        {
            Kind = scope.Kind, CycleId = scope.CycleId, CountryIso3 = scope.CountryIso3,
            RegionCode = scope.Kind == ReportKind.Country ? countryRegion : scope.RegionCode,
            Format = format, Language = language, RequestedBy = requestedBy,
        };
        db.Add(export);
        await db.SaveChangesAsync();
        await ScheduleAsync(export.Id);
        return new ExportRequestOutcome(export.Id);
    }

    /// <summary>The export if the caller may see its scope; otherwise null (404).</summary>
    public async Task<ExportView?> FindAsync(Guid id, UserScope caller) =>
        (await InReadersLanguageAsync(await Views(db.Set<ReportExport>().VisibleTo(caller).Where(e => e.Id == id)).ToListAsync())).SingleOrDefault();

    public async Task<List<ExportView>> RecentAsync(UserScope caller, string requestedBy) => await InReadersLanguageAsync(
        await Views(db.Set<ReportExport>().VisibleTo(caller).Where(e => e.RequestedBy == requestedBy).OrderByDescending(e => e.RequestedAt).Take(20)).ToListAsync());

    /// <summary>
    /// In the reader's language: the cycles' titles, and a country scorecard's country name (an export in another
    /// language keeps its page in the reader's).
    /// </summary>
    private async Task<List<ExportView>> InReadersLanguageAsync(List<ExportView> views)
    {
        if (views.Count == 0) return views;
        var titles = await cycleTitles.InLanguageAsync();
        var names = views.Any(v => v.CountryIso3 is not null) ? await places.CountriesAsync() : null;
        return [.. views.Select(v => v with
        {
            CycleName = titles.GetValueOrDefault(v.CycleId, v.CycleName),
            SubjectName = v.CountryIso3 is { } iso3 ? names!.GetValueOrDefault(iso3, iso3) : v.SubjectName,
        })];
    }

    /// <summary>Exports as the pages show them: with their cycle's name and their country's or region's name.</summary>
    private IQueryable<ExportView> Views(IQueryable<ReportExport> exports) =>
        exports.Join(db.Set<Data.Assessments.AssessmentCycle>(), e => e.CycleId, c => c.Id, (e, c) => new ExportView(
                e.Id, e.Kind, e.CycleId, c.Name, e.RegionCode, e.CountryIso3, e.Format, e.Language, e.Status, e.Progress, e.Error,
                e.FileName, e.RequestedAt, e.StartedAt, e.FinishedAt, e.ExpiresAt)
            {
                SubjectName = db.Countries.Where(x => x.Iso3 == e.CountryIso3).Select(x => x.Name).FirstOrDefault()
                    ?? db.Regions.Where(r => r.Code == e.RegionCode).Select(r => r.Name).FirstOrDefault(),
            });

    public async Task<(byte[] Content, string FileName, string ContentType)?> DownloadAsync(Guid id, UserScope caller)
    {
        var file = await db.Set<ReportExport>().VisibleTo(caller).Where(e => e.Id == id && e.Status == ExportStatus.Done && e.Result != null)
            .Select(e => new { e.Result, e.FileName, e.Format }).SingleOrDefaultAsync();
        return file is null ? null : (file.Result!, file.FileName ?? "report", ContentTypeOf(file.Format));
    }

    public async Task<bool> RetryAsync(Guid id, UserScope caller)
    {
        var changed = await db.Set<ReportExport>().VisibleTo(caller).Where(e => e.Id == id && e.Status == ExportStatus.Failed)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, ExportStatus.Queued).SetProperty(e => e.Error, (string?)null)
                .SetProperty(e => e.Progress, 0).SetProperty(e => e.StartedAt, (DateTimeOffset?)null).SetProperty(e => e.FinishedAt, (DateTimeOffset?)null));
        if (changed == 0) return false;
        await ScheduleAsync(id);
        return true;
    }

    /// <summary>
    /// Generates one export. Safe to call twice or after a crash: it first claims the row (queued, or running
    /// with a stale heartbeat) in one UPDATE, so only one worker generates it, and a finished one is left alone.
    /// </summary>
    public async Task RunAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var now = DateTimeOffset.UtcNow;
        var stale = now - StaleAfter;
        var claimed = await db.Set<ReportExport>().Where(e => e.Id == id
                && (e.Status == ExportStatus.Queued || (e.Status == ExportStatus.Running && (e.HeartbeatAt == null || e.HeartbeatAt < stale))))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, ExportStatus.Running).SetProperty(e => e.StartedAt, now)
                .SetProperty(e => e.HeartbeatAt, now).SetProperty(e => e.Progress, 1).SetProperty(e => e.Attempts, e => e.Attempts + 1),
                cancellationToken);
        if (claimed == 0) return;

        var export = await db.Set<ReportExport>().AsNoTracking().Where(e => e.Id == id)
            .Select(e => new { e.Kind, e.CycleId, e.RegionCode, e.CountryIso3, e.Format, e.Language }).SingleAsync(cancellationToken);
        try
        {
            var progress = new Heartbeat(db, id);
            // Generation runs with the Secretariat's reach; the scope was checked when the export was requested
            // and is checked again on every status read and download.
            var scope = new ReportScope(export.Kind, export.CycleId, export.Kind == ReportKind.Regional ? export.RegionCode : null, export.CountryIso3);
            var data = await loader.LoadAsync(scope, export.Language, UserScope.Everything, progress, cancellationToken)
                ?? throw new InvalidOperationException("The cycle or the country of this report no longer exists.");
            await progress.SetAsync(30);
            var bytes = export.Format == ReportFormat.Excel
                ? excel.Write(data)
                : await services.GetRequiredService<PdfReportWriter>().WriteAsync(data, cancellationToken);
            var finished = DateTimeOffset.UtcNow;
            await db.Set<ReportExport>().Where(e => e.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Status, ExportStatus.Done).SetProperty(e => e.Progress, 100).SetProperty(e => e.Result, bytes)
                .SetProperty(e => e.FileName, FileName(data, export.Format)).SetProperty(e => e.FinishedAt, finished)
                .SetProperty(e => e.HeartbeatAt, finished).SetProperty(e => e.ExpiresAt, finished.AddDays(options.RetentionDays)),
                CancellationToken.None);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: leave it running; the recovery job re-queues it once the heartbeat is stale.
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Report export {Id} failed", id);
            var reason = ex is TimeoutException or InvalidOperationException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
            await db.Set<ReportExport>().Where(e => e.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Status, ExportStatus.Failed).SetProperty(e => e.Error, reason.Length > ReportExport.ErrorLength ? reason[..ReportExport.ErrorLength] : reason)
                .SetProperty(e => e.FinishedAt, DateTimeOffset.UtcNow), CancellationToken.None);
        }
    }

    /// <summary>Re-queues exports whose worker died (stale heartbeat) and schedules every queued export that has no trigger.</summary>
    public async Task<int> RecoverAsync(CancellationToken cancellationToken = default)
    {
        var stale = DateTimeOffset.UtcNow - StaleAfter;
        await db.Set<ReportExport>().Where(e => e.Status == ExportStatus.Running && (e.HeartbeatAt == null || e.HeartbeatAt < stale))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, ExportStatus.Queued), cancellationToken);
        var queued = await db.Set<ReportExport>().Where(e => e.Status == ExportStatus.Queued).Select(e => e.Id).ToListAsync(cancellationToken);
        foreach (var id in queued) await ScheduleAsync(id, cancellationToken);
        return queued.Count;
    }

    public Task<int> DeleteExpiredAsync(CancellationToken cancellationToken = default)
    {
        var now = DateTimeOffset.UtcNow;
        return db.Set<ReportExport>().Where(e => e.ExpiresAt != null && e.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task ScheduleAsync(Guid id, CancellationToken cancellationToken = default)
    {
        try
        {
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            var key = new TriggerKey("report-export-" + id.ToString("N"), "reports");
            if (await scheduler.Exists(key, cancellationToken)) return;
            await scheduler.ScheduleJob(TriggerBuilder.Create().ForJob(ReportExportJob.Key).WithIdentity(key)
                .UsingJobData(ReportExportJob.ExportId, id.ToString()).StartNow().Build(), new ScheduleJobOptions(), cancellationToken);
        }
        catch (SchedulerException ex)
        {
            // The export stays queued; the recovery job schedules it on its next pass.
            logger.LogWarning(ex, "Could not schedule report export {Id}", id);
        }
    }

    public static string ContentTypeOf(ReportFormat format) => format == ReportFormat.Excel
        ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        : "application/pdf";

    public static string FileName(ReportData data, ReportFormat format)
    {
        var subject = data.Kind switch
        {
            ReportKind.Country => "scorecard-" + data.Focus!.Iso3.ToLowerInvariant(),
            ReportKind.Regional => "regional-" + data.RegionCode!.ToLowerInvariant(),
            _ => "global",
        };
        var cycle = new string((data.CycleFileName ?? data.CycleName).ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        return $"cop-{cycle}-{subject}-{data.Language}.{(format == ReportFormat.Excel ? "xlsx" : "pdf")}";
    }

    private sealed class Heartbeat(CopDbContext db, Guid id) : IProgress<int>
    {
        public void Report(int value) => SetAsync(value).GetAwaiter().GetResult();

        public Task SetAsync(int value)
        {
            var now = DateTimeOffset.UtcNow;
            return db.Set<ReportExport>().Where(e => e.Id == id && e.Status == ExportStatus.Running)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Progress, value).SetProperty(e => e.HeartbeatAt, now));
        }
    }
}

/// <summary>Generates one export (its id in the trigger's data). Recoverable: Quartz re-runs it after a crash.</summary>
public sealed class ReportExportJob(ReportExports exports) : IJob
{
    public static readonly JobKey Key = new("report-export", "reports");
    public const string ExportId = "exportId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(context.MergedJobDataMap.GetString(ExportId), out var id)) await exports.RunAsync(id, cancellationToken);
    }
}

/// <summary>Every minute: re-queue exports whose worker died and schedule queued exports without a trigger.</summary>
[DisallowConcurrentExecution]
public sealed class ReportRecoveryJob(ReportExports exports) : IJob
{
    public static readonly JobKey Key = new("report-recovery", "reports");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await exports.RecoverAsync(cancellationToken);
}

/// <summary>Deletes exports past their retention.</summary>
[DisallowConcurrentExecution]
public sealed class ReportCleanupJob(ReportExports exports) : IJob
{
    public static readonly JobKey Key = new("report-cleanup", "reports");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await exports.DeleteExpiredAsync(cancellationToken);
}
