using System.Threading.RateLimiting;

namespace CopAssessment.Web.Features.Results;

public static class ResultsSetup
{
    /// <summary>The public results pages and their open data, with a menu entry for everyone.</summary>
    public static void AddResults(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<PublicResults>();
        builder.Services.AddScoped<OpenData>();
        // Per client address (behind a proxy, the one ForwardedHeaders names: docs/operations.md); 429 with Retry-After beyond it.
        var perMinute = builder.Configuration.GetValue("OpenData:RequestsPerMinute", 60);
        builder.Services.AddRateLimiter(options => options.AddPolicy(OpenData.RateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "local",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));
        builder.Services.AddSingleton(new NavigationItem("Results", "/results", 70) { Public = true });
    }
}
