using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Razor;

namespace CopAssessment.Web.Infrastructure;

public static class WebSetup
{
    public static void AddWeb(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddControllersWithViews(options =>
            {
                // Every unsafe request (POST, PUT, DELETE) must carry a valid antiforgery token.
                options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                // A save the database refuses (too long, not unique) is a message, never a 500.
                options.Filters.Add<DatabaseRefusalFilter>();
                // Validation is FluentValidation's job, with messages we write and translate.
                options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization()
            .AddRazorOptions(options => options.ViewLocationExpanders.Add(new FeatureViewLocationExpander()));
        // Emit Arabic, Cyrillic and CJK text as characters, not as &#x…; entities (still HTML-encoded).
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        // One upload limit for evidence and attachments, and the one body limit derived from it for the server,
        // the form reader and RequestGuard (which answers a larger body with a message); no action sets its own.
        var uploads = builder.Configuration.GetSection("Uploads");
        builder.Services.AddOptions<Uploads.UploadOptions>().BindConfiguration("Uploads");
        builder.Services.AddScoped<Uploads.UploadReader>();
        var maxRequest = (uploads.Get<Uploads.UploadOptions>() ?? new Uploads.UploadOptions()).MaxRequestBytes;
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.MultipartBodyLengthLimit = maxRequest);
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = maxRequest);
        builder.Services.AddScoped<Seeder>();
        builder.Services.Configure<RouteOptions>(o => o.LowercaseUrls = true);
        // Run from a build (scripts/run.sh, the tests) rather than a publish, the precompressed files are in obj/, found
        // through the build's runtime manifest, which ASP.NET Core reads by itself only in Development. A publish has no
        // such manifest (its wwwroot holds the .br and .gz files) and this does nothing there.
        Microsoft.AspNetCore.Hosting.StaticWebAssets.StaticWebAssetsLoader.UseStaticWebAssets(builder.Environment, builder.Configuration);
        // Pages and JSON compressed for slow links (Brotli first, then gzip), also over HTTPS: the secrets in
        // a page (antiforgery tokens) are re-encrypted for every response, so BREACH has nothing stable to
        // recover (decision 0021). Static files are precompressed at build time and pass through untouched.
        builder.Services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
        });
        // Fastest: on two cores the CPU per page matters more than the last few percent of size.
        builder.Services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        builder.Services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
    }

    public static void MapWeb(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        // Static files from the build's manifest (MapStaticAssets): precompressed (Brotli, gzip), fingerprinted
        // URLs cached as immutable, content ETags. They are public, as they were before the fallback policy applied.
        app.MapStaticAssets().AllowAnonymous();
        // WithStaticAssets: the views' asp-append-version links resolve to the fingerprinted URLs.
        app.MapControllers().WithStaticAssets();
        // The JSON API's description (Features/Api); describes endpoints, holds no data.
        app.MapOpenApi().AllowAnonymous();
    }
}

/// <summary>
/// Views live beside their controller: <c>Features/{Feature}/{View}.cshtml</c>, where the feature is the
/// namespace segment after <c>Features</c>; shared views in <c>Features/Shared</c>.
/// </summary>
public sealed class FeatureViewLocationExpander : IViewLocationExpander
{
    public void PopulateValues(ViewLocationExpanderContext context)
    {
        if (context.ActionContext.ActionDescriptor is ControllerActionDescriptor action)
            context.Values["feature"] = FeatureOf(action.ControllerTypeInfo.Namespace);
    }

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations)
    {
        if (context.Values.TryGetValue("feature", out var feature) && feature is not null)
            yield return $"/Features/{feature}/{{0}}.cshtml";
        yield return "/Features/Shared/{0}.cshtml";
    }

    private static string? FeatureOf(string? ns)
    {
        if (ns is null) return null;
        var marker = ".Features.";
        var index = ns.IndexOf(marker, StringComparison.Ordinal);
        return index < 0 ? null : ns[(index + marker.Length)..].Replace('.', '/');
    }
}
