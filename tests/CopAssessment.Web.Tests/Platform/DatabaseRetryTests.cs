using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CopAssessment.Web.Tests.Platform;

/// <summary>Which errors mean "the database is out of reach for a moment" (retried, then 503), and which do not.</summary>
public class DatabaseRetryTests
{
    public static TheoryData<Exception> Transient() =>
    [
        new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", PostgresErrorCodes.AdminShutdown),
        new PostgresException("the database system is starting up", "FATAL", "FATAL", PostgresErrorCodes.CannotConnectNow),
        new PostgresException("sorry, too many clients already", "FATAL", "FATAL", PostgresErrorCodes.TooManyConnections),
        new PostgresException("connection failure", "FATAL", "FATAL", PostgresErrorCodes.ConnectionFailure),
        new NpgsqlException("Exception while reading from stream", new EndOfStreamException()),
        new NpgsqlException("Failed to connect to 127.0.0.1:5432", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused)),
        new NpgsqlException("The connection pool has been exhausted", new TimeoutException()),
        new TimeoutException("Timeout during connection attempt"),
        new RetryLimitExceededException("retries spent", new PostgresException("shutting down", "FATAL", "FATAL", PostgresErrorCodes.AdminShutdown)),
        new DbUpdateException("save failed", new NpgsqlException("Exception while writing to stream", new IOException())),
    ];

    public static TheoryData<Exception> NotTransient() =>
    [
        new PostgresException("duplicate key", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation),
        new PostgresException("value too long", "ERROR", "ERROR", PostgresErrorCodes.StringDataRightTruncation),
        new PostgresException("deadlock detected", "ERROR", "ERROR", PostgresErrorCodes.DeadlockDetected),
        new PostgresException("syntax error", "ERROR", "ERROR", PostgresErrorCodes.SyntaxError),
        new DbUpdateConcurrencyException("changed meanwhile"),
        new InvalidOperationException("a defect"),
    ];

    [Theory]
    [MemberData(nameof(Transient))]
    public void A_lost_or_refused_connection_is_transient(Exception exception) => Assert.True(DatabaseRetry.IsTransient(exception));

    [Theory]
    [MemberData(nameof(NotTransient))]
    public void A_refusal_conflict_or_defect_is_not(Exception exception) => Assert.False(DatabaseRetry.IsTransient(exception));

    [Fact]
    public void The_retry_budget_stays_within_a_few_seconds()
    {
        var total = Enumerable.Range(0, DatabaseRetry.Delays.Count).Sum(i => DatabaseRetry.Delay(i)!.Value.TotalSeconds);
        Assert.InRange(total, 1, 3);
        Assert.Null(DatabaseRetry.Delay(DatabaseRetry.Delays.Count));
    }

    [Fact]
    public async Task Migrating_a_database_that_cannot_be_reached_says_so_once_the_retries_are_spent()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder();
        builder.Configuration["ConnectionStrings:Cop"] = $"Host=127.0.0.1;Port={closedPort};Database=cop;Username=postgres";
        builder.AddDatabase();
        await using var app = builder.Build();
        var error = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => DatabaseSetup.MigrateAndSeedAsync(app.Services));
        Assert.StartsWith("Cannot reach PostgreSQL", error.Message);
    }
}
