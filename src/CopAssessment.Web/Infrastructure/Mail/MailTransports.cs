using System.Net;
using System.Net.Mail;

namespace CopAssessment.Web.Infrastructure.Mail;

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
