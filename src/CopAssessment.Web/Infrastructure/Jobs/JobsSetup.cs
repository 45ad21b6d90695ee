using Quartz;

namespace CopAssessment.Web.Infrastructure.Jobs;

public static class JobsSetup
{
    /// <summary>
    /// Quartz with its persistent, clustered job store on the application's PostgreSQL: any number of
    /// instances share the work and a job survives a restart. Jobs:Enabled=false turns the scheduler
    /// off (tests run jobs directly).
    /// </summary>
    public static void AddJobs(this WebApplicationBuilder builder)
    {
        var enabled = builder.Configuration.GetValue("Jobs:Enabled", true);
        var connectionString = builder.Configuration.GetConnectionString("Cop");
        builder.Services.AddQuartz(q =>
        {
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString ?? "");
                store.UseSystemTextJsonSerializer(_ => { });
                store.UseClustering(c => { c.CheckinInterval = TimeSpan.FromSeconds(10); c.CheckinMisfireThreshold = TimeSpan.FromSeconds(30); });
                store.ProvisionSchema();
            });

            q.AddJob<OutboxDispatchJob>(j => j.WithIdentity(OutboxDispatchJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(OutboxDispatchJob.Key).WithIdentity("outbox-dispatch-trigger")
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(15)).RepeatForever()));
            foreach (var configure in JobRegistrations) configure(q);
        });
        if (enabled)
        {
            builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        }
        builder.Services.AddScoped<OutboxDispatcher>();
    }

    /// <summary>Features add their jobs here from their own setup code.</summary>
    public static readonly List<Action<IQuartzBuilder>> JobRegistrations = [];
}
