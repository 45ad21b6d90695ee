using System.Net;
using System.Text.RegularExpressions;
using CopAssessment.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CopAssessment.Tests;

/// <summary>
/// The real app against a real PostgreSQL database of its own: created on the cluster named by
/// ConnectionStrings__Cop (scripts/test.sh starts it), migrated and seeded at start-up, dropped at the end.
/// </summary>
public class CopAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string DemoPassword = "Demo-Password-2026";

    private readonly string _databaseName = "cop_t_" + Guid.NewGuid().ToString("N")[..10];
    private string? _adminConnectionString;

    public string ConnectionString { get; private set; } = "";
    public string MailPickupDirectory { get; } = Path.Combine(Path.GetTempPath(), "cop-mail-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>Extra configuration a derived fixture wants.</summary>
    protected virtual IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    /// <summary>The server the database is created on; a derived fixture may bring its own (<see cref="ThrowawayPostgres"/>).</summary>
    protected virtual string? BaseConnectionString => Environment.GetEnvironmentVariable("ConnectionStrings__Cop");

    public virtual async Task InitializeAsync()
    {
        var baseConnectionString = BaseConnectionString;
        if (string.IsNullOrWhiteSpace(baseConnectionString))
            throw new InvalidOperationException("Set ConnectionStrings__Cop to a PostgreSQL server (scripts/test.sh does this).");
        var builder = new NpgsqlConnectionStringBuilder(baseConnectionString) { Database = "postgres", Pooling = false };
        _adminConnectionString = builder.ConnectionString;
        await using (var connection = new NpgsqlConnection(_adminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{_databaseName}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        builder.Database = _databaseName;
        builder.Pooling = true;
        ConnectionString = builder.ConnectionString;
        await BeforeStartAsync();
        // Building the server runs migrations and the seed.
        StartServer();
    }

    /// <summary>Work on the new, empty database before the app starts (a derived fixture migrating it another way).</summary>
    protected virtual Task BeforeStartAsync() => Task.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Cop"] = ConnectionString,
            ["Database:MigrateOnStartup"] = "true",
            ["Demo:Enabled"] = "true",
            ["Jobs:Enabled"] = "false",
            ["Security:SignInAttemptsPerMinute"] = "100000",
            ["Security:SignInAttemptsPerAccountPerMinute"] = "100000",
            ["OpenData:RequestsPerMinute"] = "100000",
            ["Mail:PickupDirectory"] = MailPickupDirectory,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error",
        };
        foreach (var (key, value) in ExtraSettings) settings[key] = value;
        // UseSetting, not ConfigureAppConfiguration: Program reads some settings while building services.
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
    }

    public new virtual async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_adminConnectionString is null) return;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    public HttpClient CreateBrowserClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<HttpClient> SignedInClientAsync(string email, string password = DemoPassword)
    {
        var client = CreateBrowserClient();
        var response = await client.SignInAsync(email, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in of {email} failed: {(int)response.StatusCode}");
        return client;
    }

    /// <summary>Runs work against the app's own database in a fresh DI scope.</summary>
    public async Task<T> WithDbAsync<T>(Func<CopDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CopDbContext>());
    }

    public async Task WithScopeAsync(Func<IServiceProvider, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider);
    }
}

public static partial class HttpClientExtensions
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public static string AntiforgeryToken(string html) =>
        TokenPattern().Match(html) is { Success: true } m ? m.Groups[1].Value
            : throw new InvalidOperationException("No antiforgery token on the page");

    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync("/account/login");
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = password, ["__RequestVerificationToken"] = AntiforgeryToken(page),
        }));
    }

    /// <summary>GETs a page that holds a form, then POSTs the fields with that page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string pageWithToken, string action, IDictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(pageWithToken);
        var content = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = AntiforgeryToken(page) };
        return await client.PostAsync(action, new FormUrlEncodedContent(content));
    }
}
