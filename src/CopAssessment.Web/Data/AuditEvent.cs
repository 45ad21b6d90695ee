namespace CopAssessment.Web.Data;

/// <summary>A significant action: sign-ins, administrative changes, transitions, exports.</summary>
public class AuditEvent
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; } = DateTimeOffset.UtcNow;
    public string? UserId { get; set; }
    public string? UserEmail { get; set; }
    public required string Action { get; set; }
    public string? CountryIso3 { get; set; }
    public string? Subject { get; set; }
    public string? Details { get; set; }
}
