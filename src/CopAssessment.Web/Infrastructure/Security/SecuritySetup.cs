using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;

namespace CopAssessment.Web.Infrastructure.Security;

public static class SecuritySetup
{
    public const string SignInRateLimit = "sign-in";

    /// <summary>The one answer to too many sign-in or reset attempts, from an address or for an account.</summary>
    public const string TooManyAttempts = "Too many sign-in attempts. Wait a minute and try again.";

    /// <summary>The answer to too many requests for anything else (the open data).</summary>
    public const string TooManyRequests = "Too many requests. Wait a minute and try again.";

    public static void AddSecurity(this WebApplicationBuilder builder)
    {
        // Keys in PostgreSQL: every app instance can read the others' cookies and antiforgery tokens.
        builder.Services.AddDataProtection()
            .SetApplicationName("CopAssessment")
            .PersistKeysToDbContext<CopDbContext>();

        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "cop.af";
            options.Cookie.SecurePolicy = builder.Environment.IsProduction() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });

        var permitPerMinute = builder.Configuration.GetValue("Security:SignInAttemptsPerMinute", 10);
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(SignInRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permitPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.OnRejected = (context, _) =>
            {
                // Every limit here is a fixed window: the lease says when the next one opens.
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                var signIn = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == SignInRateLimit;
                return new ValueTask(Refusal.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests,
                    L => signIn ? L[TooManyAttempts] : L[TooManyRequests]));
            };
        });
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddScoped<DummyPassword>();
        builder.Services.AddScoped<RequestGuard>();

        // X-Forwarded-For/-Proto are believed only from the proxies named in configuration (none by default),
        // otherwise anyone could pick the client address the sign-in limit counts (docs/operations.md).
        var forwarding = builder.Configuration.GetSection("ForwardedHeaders");
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in forwarding.GetSection("KnownProxies").Get<string[]>() ?? [])
                options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            foreach (var network in forwarding.GetSection("KnownNetworks").Get<string[]>() ?? [])
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        builder.Services.AddHsts(options => { options.MaxAge = TimeSpan.FromDays(365); options.IncludeSubDomains = true; });
    }

    /// <summary>Every page's Content-Security-Policy: nothing inline, nothing from elsewhere.</summary>
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The jobs dashboard's (Hangfire's pages, administrators only): the same, except that its pages colour job
    /// states with inline style attributes. Its scripts are files of its own, so scripts stay as strict.
    /// </summary>
    public const string JobsDashboardPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static void UseSecurity(this WebApplication app)
    {
        // With no known proxy the middleware would trust every sender, so it is only added when one is named.
        var forwarding = app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        if (forwarding.KnownProxies.Count > 0 || forwarding.KnownIPNetworks.Count > 0) app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(Jobs.JobsSetup.DashboardPath) ? JobsDashboardPolicy : Policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            await next();
        });
    }

    /// <summary>After authorisation: only input that reaches an endpoint is read and checked.</summary>
    public static void UseRequestGuard(this WebApplication app) => app.UseMiddleware<RequestGuard>();
}
