using System.Reflection;
using System.Runtime.Loader;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Npgsql;

namespace CopAssessment.Web.Infrastructure;

public static class DatabaseSetup
{
    public const string MigrationsAssemblyName = "CopAssessment.Migrations";

    public static void AddDatabase(this WebApplicationBuilder builder)
    {
        // The migrations assembly references this one, so it is copied beside the app rather than
        // referenced; load it from there when EF asks for it by name.
        AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            if (name.Name != MigrationsAssemblyName) return null;
            var path = Path.Combine(AppContext.BaseDirectory, MigrationsAssemblyName + ".dll");
            return File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
        };

        var connectionString = builder.Configuration.GetConnectionString("Cop");
        // Pooled: contexts are reset and reused instead of built per request (autosave is the hot path).
        builder.Services.AddDbContextPool<CopDbContext>(options =>
        {
            // A query or save that meets a restart is tried again within a short budget; a unit of work with its own
            // transaction runs through db.RetriedAsync (DatabaseRetry, decision 0023).
            options.UseNpgsql(WithDefaults(RequireConnectionString(connectionString)),
                npgsql => npgsql.MigrationsAssembly(MigrationsAssemblyName).ExecutionStrategy(d => new RetryingStrategy(d)));
        });
        builder.Services.AddSingleton(_ => new MultiplexedDatabase(RequireConnectionString(connectionString)));
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
    }

    /// <summary>
    /// Statements run often are prepared on each pooled connection after two uses, unless the connection
    /// string says otherwise: PostgreSQL then skips parsing and planning them (autosave's read and write
    /// cost the database about half as much; docs/benchmarks.md). Behind a transaction-pooling proxy
    /// (PgBouncer in transaction mode before 1.21) set "Max Auto Prepare=0" in the connection string.
    /// </summary>
    public static string WithDefaults(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }
        return builder.ConnectionString;
    }

    private static string RequireConnectionString(string? connectionString) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException(
                "No database configured. Start the app with scripts/run.sh (it starts a local PostgreSQL " +
                "cluster), or set ConnectionStrings__Cop to a PostgreSQL connection string.")
            : connectionString;

    /// <summary>
    /// In Development (or when Database:MigrateOnStartup is true) migrations and seed data are applied
    /// at start-up. Everywhere else they are applied by the explicit <c>migrate</c> command.
    /// </summary>
    /// <returns>false (after printing why) when the database cannot be reached.</returns>
    public static async Task<bool> PrepareDatabaseAsync(this WebApplication app)
    {
        var migrate = app.Configuration.GetValue<bool?>("Database:MigrateOnStartup") ?? app.Environment.IsDevelopment();
        if (!migrate) return true;
        try
        {
            await MigrateAndSeedAsync(app.Services);
            return true;
        }
        catch (DatabaseUnavailableException ex)
        {
            Console.Error.WriteLine("error: " + ex.Message);
            return false;
        }
    }

    public static async Task MigrateAndSeedAsync(IServiceProvider services)
    {
        if (string.IsNullOrWhiteSpace(services.GetRequiredService<IConfiguration>().GetConnectionString("Cop")))
            throw new DatabaseUnavailableException(
                "No database configured. Start the app with scripts/run.sh (it starts a local PostgreSQL cluster), " +
                "or set ConnectionStrings__Cop to a PostgreSQL connection string.", null);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CopDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Database");
        try
        {
            await db.Database.MigrateAsync();
        }
        // Unreachable even after the retries, or refused outright.
        catch (Exception e) when (DatabaseRetry.DatabaseError(e) is { } ex
            && (ex is not PostgresException pg || pg.SqlState is "28P01" or "28000" or "3D000" or "57P03"))
        {
            throw new DatabaseUnavailableException(
                $"Cannot reach PostgreSQL ({ex.Message}). Check ConnectionStrings__Cop or start the local cluster with scripts/run.sh.", ex);
        }
        foreach (var objects in scope.ServiceProvider.GetServices<IDatabaseObjects>())
            await objects.EnsureAsync(db, CancellationToken.None);
        EnsureDataProtectionKey(scope.ServiceProvider);
        var seeder = scope.ServiceProvider.GetRequiredService<Seeder>();
        await seeder.SeedAsync();
        logger.LogInformation("Database migrated and seeded");
    }

    /// <summary>
    /// The key ring's first key, made here rather than by the first request: instances started together on an
    /// empty ring would each make their own, and a cookie or antiforgery token protected by one instance's key
    /// is refused by another: it re-reads the ring for an unknown key only shortly after its start, otherwise
    /// when its cached ring expires, up to a day later (decision 0024).
    /// </summary>
    private static void EnsureDataProtectionKey(IServiceProvider services)
    {
        var keys = services.GetRequiredService<IKeyManager>();
        var now = DateTimeOffset.UtcNow;
        if (keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now)) return;
        keys.CreateNewKey(now, now + services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.NewKeyLifetime);
    }
}

public sealed class DatabaseUnavailableException(string message, Exception? inner) : Exception(message, inner);

public sealed class DatabaseHealthCheck(CopDbContext db)
    : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public async Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy()
            : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("database unreachable");
}
