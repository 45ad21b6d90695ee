using Hangfire;

namespace CopAssessment.Web.Infrastructure.Jobs;

/// <summary>
/// Delivers due outbox messages every 15 seconds; safe on several instances at once. A message that cannot be
/// sent backs off on its own (<see cref="OutboxDispatcher"/>); a run that fails as a whole (the database away)
/// is retried with back-off, then dropped, as the next run comes 15 seconds later anyway.
/// </summary>
[AutomaticRetry(Attempts = 3, DelaysInSeconds = [10, 60, 300], OnAttemptsExceeded = AttemptsExceededAction.Delete)]
[KeepSucceeded(10)]
public sealed class OutboxDispatchJob(OutboxDispatcher dispatcher)
{
    public const string Id = "outbox-dispatch";

    [JobDisplayName("Send due mail")]
    public Task RunAsync(CancellationToken cancellationToken) => dispatcher.DispatchDueAsync(cancellationToken);
}

public sealed class OutboxDispatcher(CopDbContext db, IMailTransport transport, ILogger<OutboxDispatcher> logger)
{
    private const int BatchSize = 50;
    private const int MaxAttempts = 10;

    /// <summary>
    /// Claims a batch with FOR UPDATE SKIP LOCKED inside a transaction, so two instances never send the
    /// same message; failures are retried with exponential back-off up to <see cref="MaxAttempts"/>.
    /// </summary>
    /// <remarks>
    /// Tried again whole after a transient database error: the claim is rolled back, so a message sent just before is
    /// sent again, as it would be by the next run (delivery is at least once).
    /// </remarks>
    public Task<int> DispatchDueAsync(CancellationToken cancellationToken) => db.RetriedAsync(() => DispatchOnceAsync(cancellationToken));

    private async Task<int> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = DateTimeOffset.UtcNow;
        var due = await db.OutboxMessages
            .FromSql($"""
                SELECT * FROM "OutboxMessages"
                WHERE "SentAt" IS NULL AND "Attempts" < {MaxAttempts} AND "NextAttemptAt" <= {now}
                ORDER BY "Id" LIMIT {BatchSize} FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(cancellationToken);
        foreach (var message in due)
        {
            try
            {
                await transport.SendAsync(message, cancellationToken);
                message.SentAt = DateTimeOffset.UtcNow;
                message.LastError = null;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                message.Attempts++;
                message.LastError = ex.Message;
                message.NextAttemptAt = DateTimeOffset.UtcNow.AddSeconds(Math.Min(3600, 30 * Math.Pow(2, message.Attempts)));
                logger.LogWarning(ex, "Mail {Id} to {To} failed (attempt {Attempt})", message.Id, message.To, message.Attempts);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }
}
