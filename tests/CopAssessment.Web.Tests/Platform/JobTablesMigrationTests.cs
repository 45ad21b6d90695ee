using Npgsql;

namespace CopAssessment.Web.Tests.Platform;

/// <summary>Hangfire's tables come with <c>migrate</c>, in their own schema; outside Development nothing creates them at start-up.</summary>
public class JobTablesMigrationTests : IAsyncLifetime
{
    private readonly string _name = "cop_t_mig_" + Guid.NewGuid().ToString("N")[..8];
    private NpgsqlConnectionStringBuilder _server = null!;

    private string ConnectionString => new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Database = _name, Pooling = false }.ConnectionString;

    public async Task InitializeAsync()
    {
        _server = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("ConnectionStrings__Cop")) { Database = "postgres", Pooling = false };
        await ExecuteAsync(_server.ConnectionString, $"CREATE DATABASE \"{_name}\"");
    }

    public async Task DisposeAsync() => await ExecuteAsync(_server.ConnectionString, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");

    [Fact]
    public async Task Migrate_installs_the_job_tables_in_the_hangfire_schema_and_a_production_start_does_not()
    {
        var settings = new Dictionary<string, string> { ["ConnectionStrings__Cop"] = ConnectionString, ["ASPNETCORE_ENVIRONMENT"] = "Production" };

        // Started before migrate: it stops with the reason, and creates nothing.
        await using (var early = AppProcess.Start(settings))
        {
            Assert.NotEqual(0, await early.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.True(early.Output.Contains("run the migrate command first"), early.Output);
        }
        Assert.Empty(await TablesAsync("hangfire"));

        await using (var migrate = AppProcess.Start(settings, "migrate"))
            Assert.True(await migrate.WaitForExitAsync(TimeSpan.FromSeconds(120)) == 0, migrate.Output);
        var tables = await TablesAsync("hangfire");
        Assert.Superset(new HashSet<string> { "job", "jobqueue", "jobparameter", "state", "server", "lock", "hash", "set", "list", "counter", "schema" }, tables.ToHashSet());
        Assert.DoesNotContain("jobqueue", await TablesAsync("public"));

        // Run again with the next release: nothing to do, no error.
        await using (var again = AppProcess.Start(settings, "migrate"))
            Assert.True(await again.WaitForExitAsync(TimeSpan.FromSeconds(120)) == 0, again.Output);
        Assert.Equal(tables.Order(), (await TablesAsync("hangfire")).Order());
    }

    private async Task<List<string>> TablesAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = @schema", connection);
        command.Parameters.AddWithValue("schema", schema);
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        return tables;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
