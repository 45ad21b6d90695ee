using CopAssessment.Web.Data;
using CopAssessment.Web.Infrastructure.Localization;
using CopAssessment.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CopAssessment.Web.Features.Admin;

[Authorize(Policy = Policies.Administration)]
[Route("admin/users")]
public class UsersController(CopDbContext db, UserManager<ApplicationUser> users, Audit audit, IStringLocalizer<Ui> L) : Controller
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
        ViewData["q"] = q;
        return View("Users", rows);
    }

    [HttpPost("{id}/lock")]
    public async Task<IActionResult> Lock(string id) => await SetLockout(id, DateTimeOffset.MaxValue, "user-locked");

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
