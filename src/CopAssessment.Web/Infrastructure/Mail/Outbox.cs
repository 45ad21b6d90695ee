using System.Net;
using System.Net.Mail;

namespace CopAssessment.Web.Infrastructure.Mail;

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
        using var _ = CultureScope.Ui(LocalizationSetup.CultureFor(language));
        return compose(localizer);
    }

    /// <summary>
    /// The language mail is written in: the one the person chose in the app; otherwise that of the page
    /// that caused the mail (an invitation goes out in the inviting administrator's language); English for
    /// background jobs.
    /// </summary>
    public static string LanguageOf(string? chosen)
    {
        return LocalizationSetup.Supported(chosen) ?? LocalizationSetup.Current;
    }
}
