using CopAssessment.Web.Features.Home;
using CopAssessment.Web.Infrastructure.Jobs;
using Hangfire;

namespace CopAssessment.Web.Features.Review;

public static class ReviewSetup
{
    /// <summary>The Secretariat's side: the queue, the review page, comments, decisions and deadline reminders.</summary>
    public static void AddReview(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<ReviewQueue>();
        services.AddScoped<ReviewPage>();
        services.AddScoped<Decisions>();
        services.AddScoped<Comments>();
        services.AddScoped<IValidator<DecisionNote>, DecisionNoteValidator>();
        services.AddScoped<IValidator<CommentInput>, CommentInputValidator>();
        services.AddScoped<DeadlineReminders>();
        services.AddScoped<IDashboardCards, ReviewDashboardCards>();
        services.AddSingleton(new NavigationItem("Review", "/review", 30, Roles.Reviewer, Roles.Administrator));
        services.AddRecurringJob<DeadlineReminderJob>(DeadlineReminderJob.Id, Cron.Hourly(5), j => j.RunAsync(CancellationToken.None));
    }
}
