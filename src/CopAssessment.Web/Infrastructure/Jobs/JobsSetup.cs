using Quartz;

namespace CopAssessment.Web.Infrastructure.Jobs;

public static class JobsSetup
{
    /// <summary>
    /// Quartz with its persistent, clustered job store on the application's PostgreSQL: any number of
    /// instances share the work and a job survives a restart. Jobs:Enabled=false turns the scheduler
    /// off (tests run jobs directly). Each feature adds its own jobs and triggers where it wires itself
    /// (<c>services.ConfigureAllQuartzSchedulers(…)</c>); the outbox's dispatch job is added by AddMail.
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

        });
        if (enabled)
        {
            builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        }
    }
}
