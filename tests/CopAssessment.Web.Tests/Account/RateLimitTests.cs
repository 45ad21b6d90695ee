using System.Net;
using CopAssessment.Tests;

namespace CopAssessment.Web.Tests.Account;

public sealed class StrictSignInLimitFactory : CopAppFactory
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Security:SignInAttemptsPerMinute"] = "3",
    };
}

/// <summary>Its own app and database: the limit is per client address, and the shared app allows many.</summary>
public class RateLimitTests(StrictSignInLimitFactory app) : IClassFixture<StrictSignInLimitFactory>
{
    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_get_429_with_a_readable_message()
    {
        var client = app.CreateBrowserClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++) statuses.Add((await client.SignInAsync("reviewer@demo.local", "wrong-password")).StatusCode);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], statuses.Take(3));
        var limited = await client.SignInAsync("reviewer@demo.local", CopAppFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("Too many sign-in attempts", await limited.Content.ReadAsStringAsync());
    }
}
