using System.Net;
using System.Net.Mail;
using CopAssessment.Web.Infrastructure.Jobs;

namespace CopAssessment.Web.Infrastructure.Mail;

public static class MailSetup
{
    public static void AddMail(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MailOptions>().BindConfiguration("Mail");
        builder.Services.AddSingleton<IMailTransport>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MailOptions>>().Value;
            return string.IsNullOrWhiteSpace(options.Smtp.Host)
                ? new PickupFolderTransport(options, sp.GetRequiredService<IHostEnvironment>())
                : new SmtpTransport(options);
        });
        builder.Services.AddScoped<Outbox>();
        builder.Services.AddScoped<OutboxDispatcher>();
        // Sends what the outbox holds every 15 seconds, on whichever instance picks it up.
        builder.Services.AddRecurringJob<OutboxDispatchJob>(OutboxDispatchJob.Id, JobsSetup.Every(TimeSpan.FromSeconds(15)), j => j.RunAsync(CancellationToken.None));
    }
}
