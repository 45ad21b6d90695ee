using Quartz;

namespace CopAssessment.Web.Features.Reports;

public static class ReportsSetup
{
    /// <summary>Report writers, background exports (Quartz jobs) and the reports pages.</summary>
    public static void AddReports(this WebApplicationBuilder builder)
    {
        builder.Services.AddReportWriters(builder.Configuration);
        builder.Services.AddScoped<ReportLoader>();
        builder.Services.AddScoped<CycleHistory>();
        builder.Services.AddScoped<ReportExports>();
        builder.Services.AddScoped<ExportRequestValidator>();
        builder.Services.AddSingleton(new NavigationItem("Reports", "/reports", 60,
            Roles.Administrator, Roles.Reviewer, Roles.FocalPoint, Roles.RegionalCoordinator));

        var recoveryInterval = TimeSpan.FromSeconds(builder.Configuration.GetValue("Reporting:RecoveryIntervalSeconds", 60));
        builder.Services.ConfigureAllQuartzSchedulers(q =>
        {
            q.AddJob<ReportExportJob>(j => j.WithIdentity(ReportExportJob.Key).StoreDurably().RequestRecovery());
            q.AddJob<ReportRecoveryJob>(j => j.WithIdentity(ReportRecoveryJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(ReportRecoveryJob.Key).WithIdentity("report-recovery-trigger", "reports")
                .WithSimpleSchedule(s => s.WithInterval(recoveryInterval).RepeatForever()));
            q.AddJob<ReportCleanupJob>(j => j.WithIdentity(ReportCleanupJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(ReportCleanupJob.Key).WithIdentity("report-cleanup-trigger", "reports")
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromHours(1)).RepeatForever()));
        });
    }
}
