using CopAssessment.Web.Features.AuditTrail;
using CopAssessment.Web.Features.Cycles;
using CopAssessment.Web.Features.Home;
using CopAssessment.Web.Features.Review;
using CopAssessment.Web.Infrastructure;
using CopAssessment.Web.Infrastructure.Jobs;
using CopAssessment.Web.Infrastructure.Security;
using Quartz;

namespace CopAssessment.Web.Features.Assessments;

public static class AssessmentsSetup
{
    /// <summary>Cycles, filling in, review, reminders and the audit page (issue 4).</summary>
    public static void AddAssessments(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<AssessmentAccess>();
        services.AddScoped<AnswerStore>();
        services.AddScoped<EvidenceStore>();
        services.AddScoped<SubmissionTransitions>();
        services.AddScoped<CycleResults>();
        services.AddScoped<CycleService>();
        services.AddScoped<DeadlineReminders>();
        services.AddScoped<IDashboardCards, AssessmentDashboardCards>();
        services.AddScoped<IDemoSeed, AssessmentDemoSeed>();
        services.AddSingleton(new NavigationItem("Assessments", "/assessments", 20, Roles.FocalPoint, Roles.RegionalCoordinator));
        services.AddSingleton(new NavigationItem("Review", "/review", 30, Roles.Reviewer, Roles.Administrator));
        services.AddSingleton(new NavigationItem("Cycles", "/admin/cycles", 80, Roles.Administrator));
        services.AddSingleton(new NavigationItem("Audit", "/admin/audit", 90, Roles.Administrator));
        JobsSetup.JobRegistrations.Add(q =>
        {
            q.AddJob<DeadlineReminderJob>(j => j.WithIdentity(DeadlineReminderJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(DeadlineReminderJob.Key).WithIdentity("deadline-reminder-trigger")
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromHours(1)).RepeatForever()));
        });
    }
}
