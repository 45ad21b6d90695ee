using System.Threading.RateLimiting;

namespace CopAssessment.Web.Infrastructure.Security;

/// <summary>
/// The two kinds of lock an account can have (decision 0007). An administrator's lock has no end
/// (<see cref="AdministratorLock"/>); the automatic lock after too many failed sign-ins ends by itself
/// after 15 minutes. Only an administrator lifts the first; a password reset lifts only the second.
/// </summary>
public static class AccountLocks
{
    /// <summary>Stored as PostgreSQL's <c>infinity</c>; the automatic lock always ends minutes from now.</summary>
    public static readonly DateTimeOffset AdministratorLock = DateTimeOffset.MaxValue;

    public static bool IsAdministratorLock(DateTimeOffset? lockoutEnd) => lockoutEnd >= AdministratorLock.AddYears(-1);
}

/// <summary>
/// Sign-in attempts per account (normalised e-mail), on top of the per-address limit of the rate limiter:
/// changing addresses does not buy more guesses at one account. Unknown addresses are counted the same
/// way, so the limit says nothing about which accounts exist.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public SignInThrottle(IConfiguration configuration)
    {
        var permitPerMinute = configuration.GetValue("Security:SignInAttemptsPerAccountPerMinute", 10);
        _limiter = PartitionedRateLimiter.Create<string, string>(account => RateLimitPartition.GetFixedWindowLimiter(account,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permitPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    public bool TryAttempt(string email)
    {
        using var lease = _limiter.AttemptAcquire(email.Trim().ToUpperInvariant());
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>
/// A password hash to check typed passwords against when there is no account to check them against
/// (unknown address, locked account), so every failed sign-in costs the same hashing time: a quick
/// answer would tell which addresses have accounts.
/// </summary>
public sealed class DummyPassword(IPasswordHasher<ApplicationUser> hasher)
{
    private static readonly ApplicationUser Nobody = new();
    // The hasher is scoped; its settings (algorithm, iterations) are the same for every instance.
    private static string? _hash;

    public void Verify(string? password)
    {
        _hash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N"));
        hasher.VerifyHashedPassword(Nobody, _hash, password ?? "");
    }
}
