using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CopAssessment.Web.Infrastructure;

/// <summary>
/// The one rule for "the database is briefly out of reach" (a restart, a failover, a full pool) and the one retry budget,
/// used by EF Core's execution strategy (<see cref="RetryingStrategy"/>) and by the SQL paths on
/// <see cref="MultiplexedDatabase"/> (<see cref="RetriedAsync{T}"/>). A unit of work is re-run whole, its reads included, so
/// it must be safe to run twice: nothing outside the database happens inside it (decision 0023). What still fails
/// becomes a 503 with <c>Retry-After</c> (<see cref="DatabaseOutage"/>), never a 500.
/// </summary>
public static class DatabaseRetry
{
    /// <summary>
    /// The waits before each retry: four retries within about two seconds, which covers a fast restart (a fraction of
    /// a second) and keeps a request well inside a person's (and autosave's) patience. A longer outage is a 503.
    /// </summary>
    public static readonly IReadOnlyList<TimeSpan> Delays =
        [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(1000)];

    /// <summary>What a 503 tells the client to wait before trying again.</summary>
    public const int RetryAfterSeconds = 3;

    /// <summary>
    /// The exception, or one it wraps (EF's <see cref="DbUpdateException"/> and <see cref="RetryLimitExceededException"/>),
    /// says the database could not be reached or went away: worth trying again. Refusals (constraints, conflicts,
    /// syntax) and lock or serialisation failures are not this: they have their own answers.
    /// </summary>
    public static bool IsTransient(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (IsTransientItself(e)) return true;
        return false;
    }

    /// <summary>
    /// The database error an EF call failed with, when it failed for the database (refused or unreachable): the
    /// exception itself, or the last error inside EF's <see cref="RetryLimitExceededException"/> once the retries
    /// are spent. Null for anything else.
    /// </summary>
    public static NpgsqlException? DatabaseError(Exception exception) =>
        (exception is RetryLimitExceededException ? exception.InnerException : exception) as NpgsqlException;

    /// <summary>Class 08 (connection exception), 57P01 admin_shutdown, 57P02 crash_shutdown: the server went away.</summary>
    private static bool ConnectionLost(PostgresException pg) =>
        pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown;

    private static bool IsTransientItself(Exception e) => e switch
    {
        // Lost (above), or 57P03 cannot_connect_now (starting up or shutting down), 53300 too_many_connections.
        PostgresException pg => ConnectionLost(pg) || pg.SqlState is PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections,
        // Npgsql's own: the socket failed, was refused or reset, or a wait (pool, connect) timed out.
        NpgsqlException npgsql => npgsql.IsTransient,
        TimeoutException => true,
        _ => false,
    };

    /// <summary>
    /// The connection itself is gone (not a full pool): the other idle connections to the same server are very likely
    /// gone too (the server restarted), so they are dropped at once rather than each failing a request in turn.
    /// </summary>
    public static bool IsBrokenConnection(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is PostgresException pg ? ConnectionLost(pg) : e is IOException or System.Net.Sockets.SocketException)
                return true;
        return false;
    }

    /// <summary>The wait before retry number <paramref name="retry"/> (0-based), with up to 20 % jitter so that
    /// the requests an outage failed together do not all come back in the same millisecond; null when the budget is spent.</summary>
    public static TimeSpan? Delay(int retry) =>
        retry < Delays.Count ? Delays[retry] * (1 + Random.Shared.NextDouble() * 0.2) : null;

    /// <summary>
    /// Runs <paramref name="work"/> (which opens what it needs on <paramref name="database"/>), again after a transient
    /// error, within <see cref="Delays"/>; the last error is thrown.
    /// </summary>
    public static async Task<T> RetriedAsync<T>(this MultiplexedDatabase database, Func<Task<T>> work)
    {
        for (var retry = 0; ; retry++)
        {
            try
            {
                return await work();
            }
            // No pool clearing here, unlike EF's pool: a multiplexed connection reads all the time, so one the server ended
            // is dropped at once, and clearing from every failed save together made the pool reconnect again and again
            // (under load after a restart, 535 instead of 960 saves/s; docs/benchmarks.md).
            catch (Exception e) when (IsTransient(e) && Delay(retry) is { } delay)
            {
                await Task.Delay(delay);
            }
        }
    }
}

/// <summary>
/// EF Core's execution strategy with the app's rule and budget (<see cref="DatabaseRetry"/>). EF re-runs a single query
/// or save by itself; a unit of work with its own transaction runs through <see cref="DatabaseRetryUnits.RetriedAsync{T}"/>.
/// </summary>
public sealed class RetryingStrategy(ExecutionStrategyDependencies dependencies)
    : ExecutionStrategy(dependencies, DatabaseRetry.Delays.Count, DatabaseRetry.Delays[^1])
{
    protected override bool ShouldRetryOn(Exception exception) => DatabaseRetry.IsTransient(exception);

    private static long _lastCleared;

    protected override TimeSpan? GetNextDelay(Exception lastException)
    {
        var delay = DatabaseRetry.Delay(ExceptionsEncountered.Count - 1);
        // The pool's idle connections, dead after a restart, go at the first broken one; once a second at most, since
        // every request the outage failed comes here together and each clear also retires the fresh connections.
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastCleared);
        if (delay is not null && DatabaseRetry.IsBrokenConnection(lastException) && now - last > 1000
            && Interlocked.CompareExchange(ref _lastCleared, now, last) == last
            && Dependencies.CurrentContext.Context.Database.GetDbConnection() is NpgsqlConnection connection)
            NpgsqlConnection.ClearPool(connection);
        return delay;
    }
}

public static class DatabaseRetryUnits
{
    /// <summary>
    /// Runs a unit of work that opens its own transaction, again from the start after a transient error. Before a
    /// retry the change tracker is emptied, so the unit must read what it changes inside <paramref name="unit"/>.
    /// </summary>
    public static Task<T> RetriedAsync<T>(this CopDbContext db, Func<Task<T>> unit)
    {
        var attempt = 0;
        return db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            if (attempt++ > 0) db.ChangeTracker.Clear();
            return await unit();
        });
    }

    public static Task RetriedAsync(this CopDbContext db, Func<Task> unit) =>
        db.RetriedAsync(async () => { await unit(); return true; });
}
