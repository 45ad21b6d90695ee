using System.Security.Cryptography;

namespace CopAssessment.Web.Features.Account;

/// <summary>
/// Invitations by e-mail link: the token is random, only its SHA-256 is stored, it expires, and it
/// can be used once.
/// </summary>
public sealed class InvitationService(CopDbContext db, UserManager<ApplicationUser> users, Outbox outbox, Audit audit, IConfiguration configuration)
{
    public TimeSpan Lifetime => TimeSpan.FromDays(configuration.GetValue("Security:InvitationDays", 7));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Creates the invitation and queues its e-mail; the caller saves. Returns the token.</summary>
    /// <param name="note">A paragraph added to the mail, composed in its language (a contributor's sections).</param>
    public string Create(Invitation invitation, Func<IStringLocalizer, string>? note = null)
    {
        var token = Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        invitation.TokenHash = Hash(token);
        invitation.ExpiresAt = DateTimeOffset.UtcNow.Add(Lifetime);
        db.Invitations.Add(invitation);
        var link = outbox.Link(Links.AcceptInvitation(token));
        var expires = invitation.ExpiresAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        outbox.Enqueue([new Recipient(invitation.Email)], L => (
            L["You are invited to COP Assessment"],
            $"{L["You have been invited to COP Assessment, the ITU Child Online Protection national assessment, as {0}.", L[Roles.DisplayName(invitation.Role)].Value]}\n\n" +
            (note is null ? "" : note(L) + "\n") +
            $"{L["Choose your password here (the link works once and expires on {0} UTC):", expires]}\n{link}\n"));
        audit.Record("invitation-created", invitation.Email, $"{invitation.Role} {invitation.CountryIso3}{invitation.RegionCode}".Trim(), invitation.CountryIso3);
        return token;
    }

    public async Task<Invitation?> FindUsableAsync(string? token)
    {
        if (string.IsNullOrWhiteSpace(token)) return null;
        var hash = Hash(token);
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.TokenHash == hash);
        return invitation is not null && invitation.IsUsable(DateTimeOffset.UtcNow) ? invitation : null;
    }

    /// <remarks>One unit, tried again whole (the invitation read again) after a transient database error.</remarks>
    public Task<(ApplicationUser? User, IReadOnlyList<string> Errors)> AcceptAsync(Invitation invitation, string? displayName, string password) =>
        db.RetriedAsync(async () => await AcceptOnceAsync(await db.Invitations.FindAsync(invitation.Id) ?? invitation, displayName, password));

    private async Task<(ApplicationUser? User, IReadOnlyList<string> Errors)> AcceptOnceAsync(Invitation invitation, string? displayName, string password)
    {
        if (await users.FindByEmailAsync(invitation.Email) is not null)
            return (null, ["An account with this e-mail address already exists. Sign in or reset your password."]);

        var user = new ApplicationUser
        {
            UserName = invitation.Email, Email = invitation.Email, EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? invitation.Email : displayName.Trim(),
            CountryIso3 = invitation.CountryIso3, RegionCode = invitation.RegionCode, Organisation = invitation.Organisation,
        };
        await using var transaction = await db.Database.BeginTransactionAsync();
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) return (null, created.Errors.Select(e => e.Description).ToList());
        await users.AddToRoleAsync(user, invitation.Role);
        // A national contributor's sections come with the invitation, for the country it names.
        if (invitation.Role == Roles.NationalContributor && invitation.CountryIso3 is { } country)
            foreach (var section in invitation.Sections)
                db.ContributorAssignments.Add(new ContributorAssignment
                {
                    UserId = user.Id, CountryIso3 = country, SectionKey = section, OthersHidden = invitation.OthersHidden, AssignedBy = invitation.InvitedBy,
                });
        invitation.AcceptedAt = DateTimeOffset.UtcNow;
        audit.RecordFor("invitation-accepted", user.Id, user.Email, invitation.Role);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return (user, []);
    }

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
