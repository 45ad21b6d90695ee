using CopAssessment.Web.Reporting.Excel;
using CopAssessment.Web.Reporting.Pdf;

namespace CopAssessment.Web.Reporting;

public static class ReportingSetup
{
    /// <summary>
    /// The Excel and PDF writers. Settings under <c>Reporting</c> (ChromiumPath, MaxConcurrentPages,
    /// RenderTimeoutSeconds, RetentionDays); the CHROMIUM_PATH environment variable overrides the path.
    /// </summary>
    public static void AddReportWriters(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new ReportingOptions();
        configuration.GetSection("Reporting").Bind(options);
        if (Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path) options.ChromiumPath = path;
        services.AddSingleton(options);
        services.AddSingleton<PdfRenderer>();
        services.AddSingleton<ExcelReportWriter>();
        services.AddScoped<RazorViewRenderer>();
        services.AddScoped<PdfReportWriter>();
    }
}
