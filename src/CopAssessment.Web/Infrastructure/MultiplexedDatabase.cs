using Npgsql;

namespace CopAssessment.Web.Infrastructure;

/// <summary>
/// A second PostgreSQL data source, with Npgsql multiplexing, for the few hot paths written as single
/// statements or batches (autosave). Concurrent commands share a handful of connections and go out in
/// one write, so the database sees fewer connections and wake-ups and the app makes fewer system calls:
/// on the 2-core benchmark machine this took the app's and the database's CPU per save down by about a
/// third (docs/benchmarks.md). Everything else stays on EF Core's ordinary pool, because a multiplexed
/// connection cannot run synchronous commands or keep session state.
/// </summary>
public sealed class MultiplexedDatabase(string connectionString) : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(
        new NpgsqlConnectionStringBuilder(DatabaseSetup.WithDefaults(connectionString)) { Multiplexing = true }.ConnectionString);

    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken = default) => _dataSource.OpenConnectionAsync(cancellationToken);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
