using CopAssessment.Web.Features.Account;

namespace CopAssessment.Web.Features.Admin;

[Authorize(Policy = Policies.Administration)]
[Route("admin/invitations")]
public class InvitationsController(CopDbContext db, InvitationService invitations, Audit audit, IStringLocalizer<Ui> L, PlaceNames places) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index() => View("Invitations", await db.Invitations
        .OrderByDescending(i => i.CreatedAt).Take(500).ToListAsync());

    [HttpGet("new")]
    public async Task<IActionResult> New() => await InviteForm(new InviteInput());

    [HttpPost("new")]
    public async Task<IActionResult> New(InviteInput input)
    {
        input.Email = (input.Email ?? "").Trim();
        if (!(await RoleAndScope.ValidateAsync(db, L, input)).AddTo(ModelState)) return await InviteForm(input, refused: true);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == input.Email.ToUpperInvariant()))
        {
            ModelState.AddModelError(nameof(input.Email), L["Someone with this e-mail address already has an account."]);
            return await InviteForm(input, refused: true);
        }

        invitations.Create(new Invitation
        {
            Email = input.Email, Role = input.Role, CountryIso3 = input.CountryIso3, RegionCode = input.RegionCode,
            Organisation = input.Organisation, TokenHash = "", InvitedBy = User.Identity?.Name ?? "",
        });
        await db.SaveChangesAsync();
        TempData["Message"] = L["Invitation sent to {0}.", input.Email].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("{id:guid}/revoke")]
    public async Task<IActionResult> Revoke(Guid id)
    {
        var invitation = await db.Invitations.FindAsync(id);
        if (invitation is null) return NotFound();
        if (invitation.AcceptedAt is null) invitation.RevokedAt ??= DateTimeOffset.UtcNow;
        audit.Record("invitation-revoked", invitation.Email);
        await db.SaveChangesAsync();
        return RedirectToAction(nameof(Index));
    }

    private async Task<IActionResult> InviteForm(InviteInput input, bool refused = false)
    {
        if (refused) Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View("Invite", await RoleAndScope.LoadChoicesAsync(db, places, input));
    }
}
