namespace CopAssessment.Web.Infrastructure.Security;

/// <summary>Records significant actions in the same unit of work as the change they describe.</summary>
public sealed class Audit(CopDbContext db, IHttpContextAccessor http)
{
    public void Record(string action, string? subject = null, string? details = null, string? countryIso3 = null, ClaimsPrincipal? user = null)
    {
        var (userId, email) = Actor(user);
        db.AuditEvents.Add(new AuditEvent
        {
            Action = action,
            Subject = subject,
            Details = details,
            CountryIso3 = countryIso3,
            UserId = userId,
            UserEmail = email,
        });
    }

    /// <summary>Who an event is recorded against: the given person, or the one making the request.</summary>
    public (string? UserId, string? Email) Actor(ClaimsPrincipal? user = null)
    {
        user ??= http.HttpContext?.User;
        return (user?.FindFirstValue(ClaimTypes.NameIdentifier), user?.FindFirstValue(ClaimTypes.Email) ?? user?.Identity?.Name);
    }

    public void RecordFor(string action, string? userId, string? email, string? subject = null, string? details = null) =>
        db.AuditEvents.Add(new AuditEvent { Action = action, UserId = userId, UserEmail = email, Subject = subject, Details = details });
}
