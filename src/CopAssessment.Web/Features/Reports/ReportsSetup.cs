using CopAssessment.Web.Features.Api;
using CopAssessment.Web.Infrastructure;
using CopAssessment.Web.Infrastructure.Jobs;
using Quartz;
using CopAssessment.Web.Infrastructure.Security;
using CopAssessment.Web.Reporting;

namespace CopAssessment.Web.Features.Reports;

public static class ReportsSetup
{
    /// <summary>Report writers, background exports (Quartz jobs), the reports pages and the JSON API.</summary>
    public static void AddReports(this WebApplicationBuilder builder)
    {
        builder.Services.AddReportWriters(builder.Configuration);
        builder.Services.AddScoped<ReportLoader>();
        builder.Services.AddScoped<ReportExports>();
        builder.Services.AddScoped<ExportRequestValidator>();
        builder.Services.AddSingleton(new NavigationItem("Reports", "/reports", 60,
            Roles.Administrator, Roles.Reviewer, Roles.FocalPoint, Roles.RegionalCoordinator));

        // Once per process: tests build the app several times and the list is static.
        if (!JobsSetup.JobRegistrations.Contains(RegisterJobs)) JobsSetup.JobRegistrations.Add(RegisterJobs);
        builder.AddApi();
    }

    private static void RegisterJobs(IQuartzBuilder q)
    {
        q.AddJob<ReportExportJob>(j => j.WithIdentity(ReportExportJob.Key).StoreDurably().RequestRecovery());
        q.AddJob<ReportRecoveryJob>(j => j.WithIdentity(ReportRecoveryJob.Key).StoreDurably());
        q.AddTrigger((services, t) => t.ForJob(ReportRecoveryJob.Key).WithIdentity("report-recovery-trigger", "reports")
            .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(
                services.GetRequiredService<IConfiguration>().GetValue("Reporting:RecoveryIntervalSeconds", 60))).RepeatForever()));
        q.AddJob<ReportCleanupJob>(j => j.WithIdentity(ReportCleanupJob.Key).StoreDurably());
        q.AddTrigger(t => t.ForJob(ReportCleanupJob.Key).WithIdentity("report-cleanup-trigger", "reports")
            .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromHours(1)).RepeatForever()));
    }
}
