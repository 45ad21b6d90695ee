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
    }

    public static void MapWeb(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapControllers();
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
