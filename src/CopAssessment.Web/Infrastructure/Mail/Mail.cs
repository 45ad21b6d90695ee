using System.Globalization;
using System.Net;
using System.Net.Mail;
using System.Text;
using CopAssessment.Web.Data;
using CopAssessment.Web.Infrastructure.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Quartz;

namespace CopAssessment.Web.Infrastructure.Mail;

public sealed class MailOptions
{
    public string From { get; set; } = "COP Assessment <no-reply@cop-assessment.local>";

    /// <summary>Absolute base address used in links inside e-mails.</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5000";

    /// <summary>Where messages are written as .eml files when no SMTP host is configured.</summary>
    public string PickupDirectory { get; set; } = Path.Combine(".local", "mail");

    public SmtpOptions Smtp { get; set; } = new();
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public bool EnableSsl { get; set; } = true;
    public string? UserName { get; set; }
    public string? Password { get; set; }
}

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
        builder.Services.AddScoped<Jobs.OutboxDispatcher>();
        // Sends what the outbox holds every 15 seconds, on whichever instance picks it up.
        builder.Services.ConfigureAllQuartzSchedulers(q =>
        {
            q.AddJob<Jobs.OutboxDispatchJob>(j => j.WithIdentity(Jobs.OutboxDispatchJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(Jobs.OutboxDispatchJob.Key).WithIdentity("outbox-dispatch-trigger")
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(15)).RepeatForever()));
        });
    }
}

/// <summary>Someone to write to, with the language they chose in the app (null: not chosen yet).</summary>
public sealed record Recipient(string Email, string? Culture = null);

/// <summary>Queues mail in the same unit of work as the change it reports; the caller saves.</summary>
public sealed class Outbox(CopDbContext db, IOptions<MailOptions> options, IStringLocalizer<Ui> localizer)
{
    public string Link(string pathAndQuery) => options.Value.PublicBaseUrl.TrimEnd('/') + pathAndQuery;

    public void Enqueue(string to, string subject, string body, string? deduplicationKey = null) =>
        db.OutboxMessages.Add(new OutboxMessage { To = to, Subject = subject, Body = body, DeduplicationKey = deduplicationKey });

    /// <summary>
    /// Queues one message per recipient, written in the recipient's language (see <see cref="LanguageOf"/>):
    /// <paramref name="compose"/> runs once per language, with L translating into it.
    /// </summary>
    public void Enqueue(IEnumerable<Recipient> recipients, Func<IStringLocalizer, (string Subject, string Body)> compose)
    {
        foreach (var language in recipients.GroupBy(r => LanguageOf(r.Culture)))
        {
            var (subject, body) = InLanguage(language.Key, compose);
            foreach (var recipient in language) Enqueue(recipient.Email, subject, body);
        }
    }

    /// <summary>Composes a text in one of the app's languages.</summary>
    public T InLanguage<T>(string language, Func<IStringLocalizer, T> compose)
    {
        using var _ = CultureScope.Ui(CultureInfo.GetCultureInfo(language));
        return compose(localizer);
    }

    /// <summary>
    /// The language mail is written in: the one the person chose in the app; otherwise that of the page
    /// that caused the mail (an invitation goes out in the inviting administrator's language); English for
    /// background jobs.
    /// </summary>
    public static string LanguageOf(string? chosen)
    {
        if (chosen is not null && LocalizationSetup.Cultures.Contains(chosen)) return chosen;
        var current = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        return LocalizationSetup.Cultures.Contains(current) ? current : LocalizationSetup.Cultures[0];
    }
}

public interface IMailTransport
{
    Task SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}

public sealed class SmtpTransport(MailOptions options) : IMailTransport
{
    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient(options.Smtp.Host, options.Smtp.Port) { EnableSsl = options.Smtp.EnableSsl };
        if (!string.IsNullOrEmpty(options.Smtp.UserName))
            client.Credentials = new NetworkCredential(options.Smtp.UserName, options.Smtp.Password);
        using var mail = new MailMessage { From = new MailAddress(options.From), Subject = message.Subject, Body = message.Body };
        mail.To.Add(message.To);
        await client.SendMailAsync(mail, cancellationToken);
    }
}

/// <summary>Writes each message as an RFC 822 .eml file: delivery for development and closed networks.</summary>
public sealed class PickupFolderTransport(MailOptions options, IHostEnvironment environment) : IMailTransport
{
    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var directory = Path.IsPathRooted(options.PickupDirectory)
            ? options.PickupDirectory
            : Path.Combine(environment.ContentRootPath, options.PickupDirectory);
        Directory.CreateDirectory(directory);
        var text = new StringBuilder()
            .Append("From: ").Append(options.From).Append("\r\n")
            .Append("To: ").Append(message.To).Append("\r\n")
            .Append("Subject: =?utf-8?B?").Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(message.Subject))).Append("?=\r\n")
            .Append("Date: ").Append(DateTimeOffset.UtcNow.ToString("r")).Append("\r\n")
            .Append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
            .Append(message.Body.ReplaceLineEndings("\r\n"));
        await File.WriteAllTextAsync(Path.Combine(directory, $"{message.Id:D8}.eml"), text.ToString(), cancellationToken);
    }
}
