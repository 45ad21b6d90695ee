namespace CopAssessment.Web.Features.Admin;

[Authorize(Policy = Policies.Administration)]
[Route("admin/users")]
public class UsersController(CopDbContext db, UserManager<ApplicationUser> users, Audit audit, IStringLocalizer<Ui> L, PlaceNames places) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? q)
    {
        var query = db.Users.AsQueryable();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim().ToLower();
            query = query.Where(u => u.Email!.ToLower().Contains(term) || u.DisplayName.ToLower().Contains(term) || u.CountryIso3 == q.Trim().ToUpper());
        }
        var rows = await query.OrderBy(u => u.Email)
            .Select(u => new UserRow(u.Id, u.Email!, u.DisplayName,
                db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).FirstOrDefault(),
                u.CountryIso3, u.RegionCode, u.Organisation, u.LockoutEnd != null && u.LockoutEnd > DateTimeOffset.UtcNow))
            .ToListAsync();
        return View("Users", new UsersPage(rows, q));
    }

    [HttpGet("{id}")]
    public async Task<IActionResult> Edit(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        var role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? Roles.Contributor;
        return await EditForm(id, new InviteInput
        {
            Email = user.Email ?? "", Role = role, CountryIso3 = user.CountryIso3, RegionCode = user.RegionCode, Organisation = user.Organisation,
        });
    }

    /// <summary>Changes a person's role and scope; their sign-ins pick it up within a minute.</summary>
    [HttpPost("{id}")]
    public async Task<IActionResult> Edit(string id, InviteInput input)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        input.Email = user.Email ?? "";
        if (!(await RoleAndScope.ValidateAsync(db, L, input)).AddTo(ModelState)) return await EditForm(id, input, refused: true);
        if (user.Id == users.GetUserId(User) && input.Role != Roles.Administrator)
        {
            ModelState.AddModelError(nameof(input.Role), L["You cannot remove your own administrator role."]);
            return await EditForm(id, input, refused: true);
        }

        // Role and scope change together or not at all (each UserManager step saves on its own); after a transient
        // database error the whole change is tried again, the person read again.
        var result = await db.RetriedAsync(async () =>
        {
            var user = (await users.FindByIdAsync(id))!;
            await using var transaction = await db.Database.BeginTransactionAsync();
            var roles = await users.GetRolesAsync(user);
            var before = $"{string.Join(",", roles)} {user.CountryIso3}{user.RegionCode}{user.Organisation}";
            user.CountryIso3 = input.CountryIso3;
            user.RegionCode = input.RegionCode;
            user.Organisation = input.Organisation;
            var result = await users.RemoveFromRolesAsync(user, roles);
            if (result.Succeeded) result = await users.AddToRoleAsync(user, input.Role);
            // A new security stamp (saved with the user) makes existing sign-ins pick the change up.
            if (result.Succeeded) result = await users.UpdateSecurityStampAsync(user);
            if (!result.Succeeded) return result;
            audit.Record("user-changed", user.Email, $"{before} → {input.Role} {input.CountryIso3}{input.RegionCode}{input.Organisation}", input.CountryIso3);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return result;
        });
        if (!result.Succeeded)
        {
            ModelState.AddModelError("", L["The change could not be saved: {0}", string.Join(" ", result.Errors.Select(e => e.Description))]);
            return await EditForm(id, input);
        }
        TempData["Message"] = L["{0} saved.", user.Email!].Value;
        return RedirectToAction(nameof(Index));
    }

    private async Task<IActionResult> EditForm(string id, InviteInput input, bool refused = false)
    {
        if (refused) Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View("EditUser", new UserForm(id, await RoleAndScope.LoadChoicesAsync(db, places, input)));
    }

    [HttpPost("{id}/lock")]
    public async Task<IActionResult> Lock(string id) => await SetLockout(id, AccountLocks.AdministratorLock, "user-locked");

    [HttpPost("{id}/unlock")]
    public async Task<IActionResult> Unlock(string id) => await SetLockout(id, null, "user-unlocked");

    private async Task<IActionResult> SetLockout(string id, DateTimeOffset? until, string action)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        if (user.Id == users.GetUserId(User))
        {
            TempData["Message"] = L["You cannot lock your own account."].Value;
            return RedirectToAction(nameof(Index));
        }
        await users.SetLockoutEndDateAsync(user, until);
        if (until is null) await users.ResetAccessFailedCountAsync(user);
        await users.UpdateSecurityStampAsync(user);
        audit.Record(action, user.Email);
        await db.SaveChangesAsync();
        TempData["Message"] = (until is null ? L["{0} can sign in again.", user.Email!] : L["{0} can no longer sign in.", user.Email!]).Value;
        return RedirectToAction(nameof(Index));
    }
}

public sealed record UserRow(string Id, string Email, string DisplayName, string? Role, string? Country, string? Region, string? Organisation, bool Locked);
