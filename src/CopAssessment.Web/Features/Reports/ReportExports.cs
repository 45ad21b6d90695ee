using CopAssessment.Web.Data.Reports;
using CopAssessment.Web.Reporting.Excel;
using CopAssessment.Web.Reporting.Pdf;
using Hangfire;
using CopAssessment.Web.Infrastructure.Jobs;

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
    ReportingOptions options, IBackgroundJobClient jobs, IServiceScopeFactory scopes, PlaceNames places, ILogger<ReportExports> logger)
{
    /// <summary>A queued export whose job has not claimed it by then is enqueued again (the job was lost).</summary>
    public static readonly TimeSpan ForgottenAfter = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Queues an export the caller may see and enqueues its job once the row is saved. No id when the scope is not theirs; a
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
            // While queued, the heartbeat is when a job was last enqueued for it (see RecoverAsync).
            HeartbeatAt = DateTimeOffset.UtcNow,
        };
        db.Add(export);
        await db.SaveChangesAsync();
        await EnqueueAsync(export.Id);
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
                .SetProperty(e => e.Progress, 0).SetProperty(e => e.StartedAt, (DateTimeOffset?)null).SetProperty(e => e.FinishedAt, (DateTimeOffset?)null)
                .SetProperty(e => e.HeartbeatAt, DateTimeOffset.UtcNow));
        if (changed == 0) return false;
        await EnqueueAsync(id);
        return true;
    }

    /// <summary>
    /// Generates one export. Safe to call twice, late or after a crash: it first claims the row (queued, or running
    /// with a stale heartbeat) in one UPDATE, so only one worker generates it and a finished one is left alone. The
    /// claim is the row's StartedAt: the heartbeat and the result are written only while the row still holds it, so
    /// a worker that was given up for dead (and whose export another worker claimed) writes nothing.
    /// </summary>
    public async Task RunAsync(Guid id, CancellationToken cancellationToken = default)
    {
        // Microseconds, as PostgreSQL keeps them: the claim is compared with the stored value.
        var claim = DateTimeOffset.UtcNow;
        claim = claim.AddTicks(-(claim.Ticks % 10));
        var stale = claim - options.StaleAfter;
        var claimed = await db.Set<ReportExport>().Where(e => e.Id == id
                && (e.Status == ExportStatus.Queued || (e.Status == ExportStatus.Running && (e.HeartbeatAt == null || e.HeartbeatAt < stale))))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, ExportStatus.Running).SetProperty(e => e.StartedAt, claim)
                .SetProperty(e => e.HeartbeatAt, claim).SetProperty(e => e.Progress, 1).SetProperty(e => e.Attempts, e => e.Attempts + 1),
                cancellationToken);
        if (claimed == 0)
        {
            logger.LogInformation("Report export {Id} is done, failed, gone or being generated elsewhere: nothing to do", id);
            return;
        }

        var export = await db.Set<ReportExport>().AsNoTracking().Where(e => e.Id == id)
            .Select(e => new { e.Kind, e.CycleId, e.RegionCode, e.CountryIso3, e.Format, e.Language, e.Attempts }).SingleAsync(cancellationToken);
        var heartbeat = new Heartbeat(scopes, id, claim, options.HeartbeatInterval, logger, cancellationToken);
        (byte[] Bytes, string FileName)? result = null;
        Exception? failure = null;
        try
        {
            // Generation runs with the Secretariat's reach; the scope was checked when the export was requested
            // and is checked again on every status read and download.
            var scope = new ReportScope(export.Kind, export.CycleId, export.Kind == ReportKind.Regional ? export.RegionCode : null, export.CountryIso3);
            var data = await loader.LoadAsync(scope, export.Language, UserScope.Everything, heartbeat, heartbeat.Token)
                ?? throw new InvalidOperationException("The cycle or the country of this report no longer exists.");
            heartbeat.Report(30);
            result = (export.Format == ReportFormat.Excel
                ? excel.Write(data)
                : await services.GetRequiredService<PdfReportWriter>().WriteAsync(data, heartbeat.Token), FileName(data, export.Format));
        }
        catch (Exception) when (heartbeat.Token.IsCancellationRequested)
        {
            // Shutting down, or the claim was lost: handled below, once the heartbeat has stopped.
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        finally
        {
            await heartbeat.DisposeAsync();
        }

        var mine = db.Set<ReportExport>().Where(e => e.Id == id && e.Status == ExportStatus.Running && e.StartedAt == claim);
        if (heartbeat.Lost)
        {
            logger.LogWarning("Report export {Id}: another worker claimed it while this one was late; this attempt stops without a result", id);
            return;
        }
        if (result is null && failure is null)
        {
            // Shutting down: hand it back now rather than when the heartbeat goes stale, for the job Hangfire
            // re-queues or the next recovery pass (a null heartbeat on a queued export asks for a job).
            await mine.ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, ExportStatus.Queued)
                .SetProperty(e => e.HeartbeatAt, (DateTimeOffset?)null), CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            return;
        }
        if (failure is not null)
        {
            logger.LogError(failure, "Report export {Id} failed", id);
            var reason = failure is TimeoutException or InvalidOperationException ? failure.Message : $"{failure.GetType().Name}: {failure.Message}";
            await mine.ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Status, ExportStatus.Failed).SetProperty(e => e.Error, reason.Length > ReportExport.ErrorLength ? reason[..ReportExport.ErrorLength] : reason)
                .SetProperty(e => e.FinishedAt, DateTimeOffset.UtcNow), CancellationToken.None);
            return;
        }
        var (bytes, fileName) = result!.Value;
        var finished = DateTimeOffset.UtcNow;
        var saved = await mine.ExecuteUpdateAsync(s => s
            .SetProperty(e => e.Status, ExportStatus.Done).SetProperty(e => e.Progress, 100).SetProperty(e => e.Result, bytes)
            .SetProperty(e => e.FileName, fileName).SetProperty(e => e.FinishedAt, finished)
            .SetProperty(e => e.HeartbeatAt, finished).SetProperty(e => e.ExpiresAt, finished.AddDays(options.RetentionDays)),
            CancellationToken.None);
        if (saved == 1)
            logger.LogInformation("Report export {Id} produced ({Bytes} bytes, attempt {Attempt})", id, bytes.Length, export.Attempts);
        else
            logger.LogWarning("Report export {Id}: the claim was lost before the result was saved; the result is discarded", id);
    }

    /// <summary>
    /// Enqueues a job for every export that needs one: running with a stale heartbeat (its worker died: it is
    /// queued again), and queued with no job in sight (none enqueued, or the last one too long ago). The rows are
    /// picked and marked in one UPDATE, so two recovery runs at once never enqueue the same export twice.
    /// </summary>
    public async Task<int> RecoverAsync(CancellationToken cancellationToken = default)
    {
        var now = DateTimeOffset.UtcNow;
        var stale = now - options.StaleAfter;
        var forgotten = now - ForgottenAfter;
        string queued = nameof(ExportStatus.Queued), running = nameof(ExportStatus.Running);
        var ids = await db.Database.SqlQuery<Guid>($"""
            UPDATE "ReportExports" SET "Status" = {queued}, "HeartbeatAt" = {now}
            WHERE ("Status" = {running} AND ("HeartbeatAt" IS NULL OR "HeartbeatAt" < {stale}))
               OR ("Status" = {queued} AND ("HeartbeatAt" IS NULL OR "HeartbeatAt" < {forgotten}))
            RETURNING "Id" AS "Value"
            """).ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            logger.LogInformation("Report export {Id} recovered: enqueued again", id);
            await EnqueueAsync(id);
        }
        return ids.Count;
    }

    public Task<int> DeleteExpiredAsync(CancellationToken cancellationToken = default)
    {
        var now = DateTimeOffset.UtcNow;
        return db.Set<ReportExport>().Where(e => e.ExpiresAt != null && e.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task EnqueueAsync(Guid id)
    {
        try
        {
            jobs.Enqueue<ReportExportJob>(job => job.RunAsync(id, CancellationToken.None));
        }
        catch (Exception ex) when (ex is BackgroundJobClientException or Npgsql.NpgsqlException)
        {
            // The export stays queued with no job: the recovery job's next pass enqueues it.
            logger.LogWarning(ex, "Could not enqueue report export {Id}", id);
            await db.Set<ReportExport>().Where(e => e.Id == id && e.Status == ExportStatus.Queued)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.HeartbeatAt, (DateTimeOffset?)null));
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

    /// <summary>
    /// Beside the work, on its own connection: writes the heartbeat every <c>interval</c> (so a long print stays
    /// alive) and the progress as soon as it moves, while the row still holds this worker's claim. When it no
    /// longer does, <see cref="Token"/> is cancelled and the work stops; it is also cancelled at shutdown.
    /// </summary>
    private sealed class Heartbeat : IProgress<int>, IAsyncDisposable
    {
        private readonly CancellationTokenSource _work;
        private readonly CancellationTokenSource _stop = new();
        private readonly SemaphoreSlim _moved = new(0);
        private readonly Task _loop;
        private int _progress = 1;

        public Heartbeat(IServiceScopeFactory scopes, Guid id, DateTimeOffset claim, TimeSpan interval, ILogger logger, CancellationToken shutdown)
        {
            _work = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
            _loop = Task.Run(() => BeatAsync(scopes, id, claim, interval, logger));
        }

        public CancellationToken Token => _work.Token;

        /// <summary>Another worker claimed the export (this one was taken for dead).</summary>
        public bool Lost { get; private set; }

        public void Report(int value)
        {
            Volatile.Write(ref _progress, value);
            _moved.Release();
        }

        private async Task BeatAsync(IServiceScopeFactory scopes, Guid id, DateTimeOffset claim, TimeSpan interval, ILogger logger)
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await _moved.WaitAsync(interval, _stop.Token);
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<CopDbContext>();
                    var (now, progress) = (DateTimeOffset.UtcNow, Volatile.Read(ref _progress));
                    var ours = await db.Set<ReportExport>().Where(e => e.Id == id && e.Status == ExportStatus.Running && e.StartedAt == claim)
                        .ExecuteUpdateAsync(s => s.SetProperty(e => e.Progress, progress).SetProperty(e => e.HeartbeatAt, now), _stop.Token);
                    if (ours == 0)
                    {
                        Lost = true;
                        await _work.CancelAsync();
                        return;
                    }
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    // A database hiccup: the next beat tries again; only several missed beats make the export stale.
                    logger.LogWarning(ex, "Heartbeat of report export {Id} failed", id);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            _stop.Dispose();
            _work.Dispose();
            _moved.Dispose();
        }
    }
}

/// <summary>
/// Generates one export (enqueued once its row is saved). No automatic retry: a failure is recorded on the
/// export, which the page offers to retry; a run that finds the export done or claimed does nothing.
/// </summary>
[AutomaticRetry(Attempts = 0)]
public sealed class ReportExportJob(ReportExports exports)
{
    [JobDisplayName("Report export {0}")]
    public Task RunAsync(Guid exportId, CancellationToken cancellationToken) => exports.RunAsync(exportId, cancellationToken);
}

/// <summary>Every few seconds: enqueue again the exports whose worker died and the queued ones without a job.</summary>
[AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
[KeepSucceeded(10)]
public sealed class ReportRecoveryJob(ReportExports exports)
{
    public const string Id = "report-recovery";

    [JobDisplayName("Recover interrupted report exports")]
    public Task RunAsync(CancellationToken cancellationToken) => exports.RecoverAsync(cancellationToken);
}

/// <summary>Hourly: deletes exports past their retention (the next hour tries again after a failure).</summary>
[AutomaticRetry(Attempts = 0)]
public sealed class ReportCleanupJob(ReportExports exports)
{
    public const string Id = "report-cleanup";

    [JobDisplayName("Delete expired report exports")]
    public Task RunAsync(CancellationToken cancellationToken) => exports.DeleteExpiredAsync(cancellationToken);
}
