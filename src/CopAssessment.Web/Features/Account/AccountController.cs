using CopAssessment.Web.Data;
using CopAssessment.Web.Infrastructure.Localization;
using CopAssessment.Web.Infrastructure.Mail;
using CopAssessment.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CopAssessment.Web.Features.Account;

[AllowAnonymous]
[Route("account")]
public class AccountController(
    SignInManager<ApplicationUser> signIn,
    UserManager<ApplicationUser> users,
    CopDbContext db,
    Audit audit,
    Outbox outbox,
    InvitationService invitations,
    IStringLocalizer<Ui> L) : Controller
{
    [HttpGet("login")]
    public IActionResult Login(string? returnUrl) => View(new LoginInput { ReturnUrl = returnUrl });

    [HttpPost("login")]
    [EnableRateLimiting(SecuritySetup.SignInRateLimit)]
    public async Task<IActionResult> Login(LoginInput input)
    {
        if (!ModelState.IsValid) return View(input);
        var user = await users.FindByEmailAsync(input.Email.Trim());
        if (user is null)
        {
            audit.RecordFor("sign-in-failed", null, input.Email, details: "unknown e-mail");
            await db.SaveChangesAsync();
            ModelState.AddModelError("", L["E-mail or password is not correct."]);
            return View(input);
        }

        var result = await signIn.PasswordSignInAsync(user, input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            audit.RecordFor("sign-in", user.Id, user.Email);
            await db.SaveChangesAsync();
            if (user.PreferredCulture is { } culture) LocalizationSetup.SetCultureCookie(Response, culture);
            return LocalRedirect(Url.IsLocalUrl(input.ReturnUrl) ? input.ReturnUrl! : "/");
        }

        audit.RecordFor(result.IsLockedOut ? "sign-in-locked-out" : "sign-in-failed", user.Id, user.Email);
        await db.SaveChangesAsync();
        ModelState.AddModelError("", result.IsLockedOut
            ? L["This account is locked after too many failed attempts. Try again in 15 minutes or reset your password."]
            : L["E-mail or password is not correct."]);
        return View(input);
    }

    [HttpPost("logout")]
    public async Task<IActionResult> Logout()
    {
        await signIn.SignOutAsync();
        return Redirect("/account/login");
    }

    [HttpGet("access-denied")]
    public IActionResult AccessDenied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View("Error", 403);
    }

    [HttpGet("forgot-password")]
    public IActionResult ForgotPassword() => View(new ForgotPasswordInput());

    [HttpPost("forgot-password")]
    [EnableRateLimiting(SecuritySetup.SignInRateLimit)]
    public async Task<IActionResult> ForgotPassword(ForgotPasswordInput input)
    {
        if (!ModelState.IsValid) return View(input);
        var user = await users.FindByEmailAsync(input.Email.Trim());
        if (user is not null)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var link = outbox.Link($"/account/reset-password?email={Uri.EscapeDataString(user.Email!)}&token={Uri.EscapeDataString(token)}");
            outbox.Enqueue([new Recipient(user.Email!, user.PreferredCulture)], L => (
                L["Reset your COP Assessment password"],
                $"{L["Someone asked to reset the password of your COP Assessment account."]}\n\n{L["Set a new password here (valid for 24 hours):"]}\n{link}\n\n{L["If it was not you, ignore this message."]}"));
            audit.RecordFor("password-reset-requested", user.Id, user.Email);
            await db.SaveChangesAsync();
        }
        // The same answer whether or not the address exists, so the form cannot be used to probe accounts.
        return View("ForgotPasswordSent");
    }

    [HttpGet("reset-password")]
    public IActionResult ResetPassword(string email, string token) =>
        View(new SetPasswordInput { Email = email, Token = token });

    [HttpPost("reset-password")]
    public async Task<IActionResult> ResetPassword(SetPasswordInput input)
    {
        if (!ModelState.IsValid) return View(input);
        var user = input.Email is null ? null : await users.FindByEmailAsync(input.Email);
        if (user is null)
        {
            ModelState.AddModelError("", L["This link is not valid any more. Ask for a new one."]);
            return View(input);
        }
        var result = await users.ResetPasswordAsync(user, input.Token, input.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
                ModelState.AddModelError(error.Code == "InvalidToken" ? "" : nameof(input.Password),
                    error.Code == "InvalidToken" ? L["This link is not valid any more. Ask for a new one."] : L[error.Description]);
            return View(input);
        }
        await users.SetLockoutEndDateAsync(user, null);
        audit.RecordFor("password-reset", user.Id, user.Email);
        await db.SaveChangesAsync();
        TempData["Message"] = L["Your password has been changed. Sign in with the new one."].Value;
        return Redirect("/account/login");
    }

    [HttpGet("accept-invitation")]
    public async Task<IActionResult> AcceptInvitation(string token)
    {
        var invitation = await invitations.FindUsableAsync(token);
        if (invitation is null) return View("InvitationInvalid");
        return View(new SetPasswordInput { Token = token, Email = invitation.Email });
    }

    [HttpPost("accept-invitation")]
    public async Task<IActionResult> AcceptInvitation(SetPasswordInput input)
    {
        var invitation = await invitations.FindUsableAsync(input.Token);
        if (invitation is null) return View("InvitationInvalid");
        input.Email = invitation.Email;
        if (!ModelState.IsValid) return View(input);

        var (user, errors) = await invitations.AcceptAsync(invitation, input.DisplayName, input.Password);
        if (user is null)
        {
            foreach (var error in errors) ModelState.AddModelError(nameof(input.Password), L[error]);
            return View(input);
        }
        await signIn.SignInAsync(user, isPersistent: false);
        return Redirect("/");
    }
}
