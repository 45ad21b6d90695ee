namespace CopAssessment.Web.Data;

/// <summary>
/// An e-mail waiting to go out. Writing it in the same transaction as the change it reports means a
/// crash can delay a message but never lose it; the dispatcher job delivers with retry and back-off.
/// </summary>
public class OutboxMessage
{
    public long Id { get; set; }
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }

    /// <summary>Optional unique key so a message that must go once (a reminder) is written once.</summary>
    public string? DeduplicationKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset NextAttemptAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? SentAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}
