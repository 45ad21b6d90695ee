using System.Net;
using System.Net.Mail;

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
