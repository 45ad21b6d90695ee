namespace CopAssessment.Web.Data;

public class Invitation
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string Email { get; set; }
    public required string Role { get; set; }
    public string? CountryIso3 { get; set; }
    public string? RegionCode { get; set; }
    public string? Organisation { get; set; }

    /// <summary>A national contributor's sections (domain or capability keys), assigned when the invitation is accepted.</summary>
    public string[] Sections { get; set; } = [];

    /// <summary>A national contributor's other sections are hidden rather than read-only.</summary>
    public bool OthersHidden { get; set; }

    /// <summary>SHA-256 of the token sent by e-mail; the token itself is never stored.</summary>
    public required string TokenHash { get; set; }
    public required string InvitedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsUsable(DateTimeOffset now) => AcceptedAt is null && RevokedAt is null && ExpiresAt > now;
}
