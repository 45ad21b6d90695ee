using CopAssessment.Web.Infrastructure.Jobs;
using Hangfire;

namespace CopAssessment.Web.Features.Reports;

public static class ReportsSetup
{
    /// <summary>Report writers, background exports (Hangfire jobs) and the reports pages.</summary>
    public static void AddReports(this WebApplicationBuilder builder)
    {
        builder.Services.AddReportWriters(builder.Configuration);
        builder.Services.AddScoped<ReportLoader>();
        builder.Services.AddScoped<CycleHistory>();
        builder.Services.AddScoped<ReportExports>();
        builder.Services.AddScoped<ExportRequestValidator>();
        builder.Services.AddSingleton(new NavigationItem("Reports", "/reports", 60,
            Roles.Administrator, Roles.Reviewer, Roles.FocalPoint, Roles.RegionalCoordinator));

        // Exports are enqueued one by one when requested (ReportExportJob); these run for all of them.
        var recoveryInterval = TimeSpan.FromSeconds(builder.Configuration.GetValue("Reporting:RecoveryIntervalSeconds", new Reporting.Pdf.ReportingOptions().RecoveryIntervalSeconds));
        builder.Services.AddScoped<ReportExportJob>();
        builder.Services.AddRecurringJob<ReportRecoveryJob>(ReportRecoveryJob.Id, JobsSetup.Every(recoveryInterval), j => j.RunAsync(CancellationToken.None));
        builder.Services.AddRecurringJob<ReportCleanupJob>(ReportCleanupJob.Id, Cron.Hourly(35), j => j.RunAsync(CancellationToken.None));
    }
}
