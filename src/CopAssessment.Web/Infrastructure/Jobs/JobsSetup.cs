using System.Linq.Expressions;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.States;
using Hangfire.Storage;
using Npgsql;

namespace CopAssessment.Web.Infrastructure.Jobs;

/// <summary>Settings under <c>Jobs</c> (docs/operations.md; why these values: decision 0022).</summary>
public sealed class JobsOptions
{
    /// <summary>Runs a Hangfire server (workers, schedulers) in this instance; false: enqueue only (tests run jobs directly).</summary>
    public bool Enabled { get; set; } = true;

    public int WorkerCount { get; set; } = 4;

    /// <summary>How often an idle worker looks for a job enqueued by another instance (this instance's own wake it at once).</summary>
    public double QueuePollSeconds { get; set; } = 2;

    /// <summary>How often recurring and delayed jobs are checked for being due.</summary>
    public double SchedulePollSeconds { get; set; } = 5;

    /// <summary>A job fetched by an instance that died is fetched again after this (kept alive while its worker lives).</summary>
    public double InvisibilityTimeoutSeconds { get; set; } = 300;
}

public static class JobsSetup
{
    /// <summary>Hangfire's tables live in this PostgreSQL schema of the application's database.</summary>
    public const string Schema = "hangfire";

    public const string DashboardPath = "/admin/jobs";

    /// <summary>A distributed lock left by an instance that died is given up after this.</summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Hangfire on the application's PostgreSQL (schema <see cref="Schema"/>, created by <c>migrate</c> through
    /// <see cref="JobTables"/>, at start-up only where migrations run at start-up): any number of instances share the work and a job survives a
    /// restart. Jobs:Enabled=false enqueues without running (tests run jobs directly). Each feature adds its
    /// recurring jobs where it wires itself (<see cref="AddRecurringJob{TJob}"/>); the outbox's comes with AddMail.
    /// </summary>
    public static void AddJobs(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Jobs").Get<JobsOptions>() ?? new JobsOptions();
        var connectionString = builder.Configuration.GetConnectionString("Cop") ?? "";
        builder.Services.AddSingleton<IDatabaseObjects, JobTables>();
        // The storage and the activator belong to this app, not to Hangfire's static JobStorage.Current, so that
        // several apps in one process (the tests, each with its own database) never use one another's.
        builder.Services.AddSingleton<JobStorage>(_ =>
        {
            var storageOptions = StorageOptions(options);
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions);
        });
        builder.Services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddHangfire((services, c) => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new AppLogProvider(services.GetRequiredService<ILoggerFactory>())));
        // Before the server starts, so that its first scheduler pass already knows every recurring job.
        builder.Services.AddHostedService<RecurringJobsRegistration>();
        if (options.Enabled)
        {
            builder.Services.AddHangfireServer(server =>
            {
                server.WorkerCount = Math.Max(1, options.WorkerCount);
                server.SchedulePollingInterval = TimeSpan.FromSeconds(options.SchedulePollSeconds);
            });
        }
    }

    private static PostgreSqlStorageOptions StorageOptions(JobsOptions options) => new()
    {
        SchemaName = Schema,
        PrepareSchemaIfNecessary = false,
        QueuePollInterval = TimeSpan.FromSeconds(options.QueuePollSeconds),
        InvisibilityTimeout = TimeSpan.FromSeconds(options.InvisibilityTimeoutSeconds),
        UseSlidingInvisibilityTimeout = true,
        // Locks are rows; one left by a killed instance blocks its resource (the recurring scheduler's among
        // them) until it is this old. Every lock here is held for a moment; and this is no longer than an export
        // takes to go stale, so a crash while holding one does not delay the recovery of that export.
        DistributedLockTimeout = LockTimeout,
    };

    /// <summary>
    /// A recurring job, registered (or updated) under <paramref name="id"/> at every start-up; running it on
    /// several instances is safe, each occurrence is enqueued once for the whole cluster.
    /// </summary>
    public static void AddRecurringJob<TJob>(this IServiceCollection services, string id, string cron, Expression<Func<TJob, Task>> run)
        where TJob : notnull
    {
        services.AddScoped(typeof(TJob));
        services.AddSingleton(new RecurringJobDefinition(id, cron,
            manager => manager.AddOrUpdate(id, run, cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc })));
    }

    /// <summary>The cron expression for "every <paramref name="interval"/>" (a divisor of a minute or of an hour, or hourly at a minute).</summary>
    public static string Every(TimeSpan interval) => interval switch
    {
        { TotalSeconds: >= 1 and < 60 } when 60 % interval.TotalSeconds == 0 => $"*/{(int)interval.TotalSeconds} * * * * *",
        { TotalMinutes: >= 1 and < 60 } when interval.TotalMinutes % 1 == 0 && 60 % interval.TotalMinutes == 0 => $"*/{(int)interval.TotalMinutes} * * * *",
        _ => throw new ArgumentOutOfRangeException(nameof(interval), interval, "An interval that divides a minute or an hour."),
    };

    /// <summary>
    /// The dashboard at <see cref="DashboardPath"/>, behind the administration policy (anonymous: the sign-in page;
    /// other roles: access denied), read-only for anyone but an administrator, with Hangfire's antiforgery check
    /// (the app's own tokens) on its buttons.
    /// </summary>
    public static void MapJobsDashboard(this WebApplication app) =>
        app.MapHangfireDashboard(DashboardPath, DashboardOptions(), app.Services.GetRequiredService<JobStorage>())
            .RequireAuthorization(Policies.Administration);

    public static DashboardOptions DashboardOptions() => new()
    {
        AppPath = "/admin",
        DashboardTitle = "COP Assessment",
        DisplayStorageConnectionString = false,
        Authorization = [new DashboardAccess()],
        IsReadOnlyFunc = context => !context.GetHttpContext().User.IsInRole(Roles.Administrator),
    };

    /// <summary>The endpoint's policy decides who comes in; Hangfire's own check (local requests only by default) must not refuse them again.</summary>
    private sealed class DashboardAccess : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.Identity?.IsAuthenticated == true;
    }
}

/// <summary>
/// Hangfire's log into the app's logging. Hangfire keeps one log provider for the whole process, the last app's;
/// when that app is gone (the tests run several apps in one process, one after the other) Hangfire gets a silent
/// logger instead of the disposed factory's exception, which would fail every job client it builds.
/// </summary>
internal sealed class AppLogProvider(ILoggerFactory factory) : Hangfire.Logging.ILogProvider
{
    private readonly AspNetCoreLogProvider _logs = new(factory);

    public Hangfire.Logging.ILog GetLogger(string name)
    {
        try
        {
            return _logs.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Silent : Hangfire.Logging.ILog
    {
        public static readonly Silent Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}

/// <summary>A recurring job a feature declares; <see cref="RecurringJobsRegistration"/> registers them all at start-up.</summary>
public sealed record RecurringJobDefinition(string Id, string Cron, Action<IRecurringJobManager> Register);

/// <summary>
/// Registers every declared recurring job (AddOrUpdate: the same definition twice changes nothing) and removes
/// the ones no feature declares any more, so a renamed job does not keep running under its old name. Without
/// the job tables the app stops here, saying to run <c>migrate</c>; with the database away it goes on (the jobs
/// registered by an earlier start stay registered).
/// </summary>
public sealed class RecurringJobsRegistration(IEnumerable<RecurringJobDefinition> definitions, IRecurringJobManager manager, JobStorage storage,
    IServiceScopeFactory scopes, ILogger<RecurringJobsRegistration> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var declared = definitions.ToList();
        try
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<CopDbContext>();
                var table = JobsSetup.Schema + ".job";
                if (!await db.Database.SqlQuery<bool>($"SELECT to_regclass({table}) IS NOT NULL AS \"Value\"").SingleAsync(cancellationToken))
                    throw new InvalidOperationException(
                        $"The job tables (PostgreSQL schema \"{JobsSetup.Schema}\") are missing: run the migrate command first.");
            }
            foreach (var definition in declared) definition.Register(manager);
            using var connection = storage.GetConnection();
            foreach (var stale in connection.GetRecurringJobs().Where(j => declared.All(d => d.Id != j.Id)))
                manager.RemoveIfExists(stale.Id);
            logger.LogInformation("Recurring jobs registered: {Jobs}", string.Join(", ", declared.Select(d => $"{d.Id} ({d.Cron})")));
        }
        // Unreachable even after the retries, or refused.
        catch (Exception ex) when (DatabaseRetry.DatabaseError(ex) is not null)
        {
            logger.LogError(ex, "Recurring jobs not registered: the database cannot be reached");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Hangfire's tables, installed or upgraded by Hangfire's own scripts in schema <see cref="JobsSetup.Schema"/>
/// after every migration (so by <c>migrate</c>, and at start-up only where migrations run at start-up).
/// </summary>
public sealed class JobTables : IDatabaseObjects
{
    public async Task EnsureAsync(CopDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // Two instances migrating at once would interleave the installer's scripts: one at a time.
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_lock(hashtext('cop:hangfire-install'))", cancellationToken);
            try
            {
                PostgreSqlObjectsInstaller.Install((NpgsqlConnection)db.Database.GetDbConnection(), JobsSetup.Schema);
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_unlock(hashtext('cop:hangfire-install'))", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

/// <summary>
/// Keeps a succeeded run of a frequent job for <paramref name="minutes"/> instead of Hangfire's day, so the
/// dashboard and the tables are not filled with thousands of runs that did nothing.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class KeepSucceededAttribute(int minutes) : JobFilterAttribute, IApplyStateFilter
{
    public void OnStateApplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
        if (context.NewState is SucceededState) context.JobExpirationTimeout = TimeSpan.FromMinutes(minutes);
    }

    public void OnStateUnapplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
    }
}
