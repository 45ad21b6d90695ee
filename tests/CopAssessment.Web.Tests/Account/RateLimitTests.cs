using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace CopAssessment.Web.Tests.Account;

/// <summary>
/// Every request reaches the app from <see cref="ProxyAddress"/>, as it does behind a reverse proxy on the
/// same machine (the test server itself has no client address). Loopback was trusted by default before.
/// </summary>
public abstract class SignInLimitFactory : CopAppFactory
{
    public const string ProxyAddress = "127.0.0.1";

    protected abstract IDictionary<string, string?> Limits { get; }

    protected override IDictionary<string, string?> ExtraSettings => Limits;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, FromProxy>());
    }

    private sealed class FromProxy : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(ProxyAddress);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>No proxy is configured: X-Forwarded-For must be ignored.</summary>
public sealed class StrictSignInLimitFactory : SignInLimitFactory
{
    protected override IDictionary<string, string?> Limits => new Dictionary<string, string?>
    {
        ["Security:SignInAttemptsPerMinute"] = "3",
        ["Security:SignInAttemptsPerAccountPerMinute"] = "100",
    };
}

/// <summary>The proxy is named in configuration: its X-Forwarded-For gives the client address.</summary>
public sealed class ProxiedSignInLimitFactory : SignInLimitFactory
{
    protected override IDictionary<string, string?> Limits => new Dictionary<string, string?>
    {
        ["Security:SignInAttemptsPerMinute"] = "3",
        ["Security:SignInAttemptsPerAccountPerMinute"] = "3",
        ["ForwardedHeaders:KnownProxies:0"] = ProxyAddress,
    };
}

/// <summary>Their own apps and databases: the limits are per client address and per account.</summary>
public class RateLimitTests(StrictSignInLimitFactory app) : IClassFixture<StrictSignInLimitFactory>
{
    [Fact]
    public async Task Attempts_beyond_the_limit_get_429_however_the_forwarded_address_is_changed()
    {
        // Without a configured proxy, X-Forwarded-For is the sender's say-so: every attempt counts for the one address.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            statuses.Add((await SignInLimitTests.AttemptAsync(app, $"someone{i}@test.local", forwardedFor: $"198.51.100.{i + 1}")).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], statuses);

        var client = app.CreateBrowserClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.200");
        var limited = await client.SignInAsync("reviewer@demo.local", CopAppFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("Too many sign-in attempts", await limited.Content.ReadAsStringAsync());
    }
}

public class SignInLimitTests(ProxiedSignInLimitFactory app) : IClassFixture<ProxiedSignInLimitFactory>
{
    public static async Task<HttpResponseMessage> AttemptAsync(CopAppFactory app, string email, string forwardedFor)
    {
        var client = app.CreateBrowserClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        return await client.SignInAsync(email, "Wrong-Password-000");
    }

    [Fact]
    public async Task A_configured_proxy_s_forwarded_address_is_the_client_the_limit_counts()
    {
        // Four clients behind the proxy, one attempt each: each has its own allowance.
        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.OK, (await AttemptAsync(app, $"client{i}@test.local", $"203.0.113.{i + 1}")).StatusCode);
        // One client, four accounts: its allowance of three is spent.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) statuses.Add((await AttemptAsync(app, $"spender{i}@test.local", "203.0.113.99")).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task One_account_is_limited_whatever_address_the_attempts_come_from()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) statuses.Add((await AttemptAsync(app, "target@test.local", $"192.0.2.{i + 1}")).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        var limited = await AttemptAsync(app, "TARGET@test.local", "192.0.2.200");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("Too many sign-in attempts", await limited.Content.ReadAsStringAsync());
    }
}
