using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Localization;

namespace CopAssessment.Web.Tests.Reports;

/// <summary>
/// The report writers with the web app's compiled Razor views, localisation and Chromium renderer, but no
/// database: PDF tests do not depend on the rest of the app starting.
/// </summary>
public sealed class ReportServices : IAsyncLifetime
{
    private WebApplication? _host;

    public IServiceProvider Services => _host!.Services;

    public Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = Path.Combine(ReportTestData.RepositoryRoot(), "src", "CopAssessment.Web"),
            ApplicationName = typeof(ReportData).Assembly.GetName().Name,
            EnvironmentName = "Testing",
        });
        builder.Services.AddControllersWithViews().AddApplicationPart(typeof(ReportData).Assembly);
        builder.Services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
        builder.Services.AddTransient(typeof(IStringLocalizer<>), typeof(StringLocalizer<>));
        builder.Services.AddReportWriters(builder.Configuration);
        _host = builder.Build();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }
}
