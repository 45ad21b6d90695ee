using Microsoft.AspNetCore.RateLimiting;

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
    SignInThrottle throttle,
    DummyPassword dummyPassword,
    IOptions<IdentityOptions> identityOptions,
    IStringLocalizer<Ui> L) : Controller
{
    [HttpGet("login")]
    public IActionResult Login(string? returnUrl) => View(new LoginInput { ReturnUrl = returnUrl });

    [HttpPost("login")]
    [EnableRateLimiting(SecuritySetup.SignInRateLimit)]
    public async Task<IActionResult> Login(LoginInput input)
    {
        if (!new LoginValidator(L).Validate(input).AddTo(ModelState)) return Invalid(input);
        var email = input.Email.Trim();
        if (!throttle.TryAttempt(email)) return TooManyAttempts();
        // Unknown, locked and wrong get one message and one password hash each: neither the answer nor its
        // time tells which addresses have accounts (decision 0007).
        var user = await users.FindByEmailAsync(email);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            dummyPassword.Verify(input.Password);
            audit.RecordFor(user is null ? "sign-in-failed" : "sign-in-locked-out", user?.Id, user?.Email ?? input.Email, details: user is null ? "unknown e-mail" : null);
            await db.SaveChangesAsync();
            return SignInRefused(input);
        }

        var result = await signIn.PasswordSignInAsync(user, input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            audit.RecordFor("sign-in", user.Id, user.Email);
            await db.SaveChangesAsync();
            if (user.PreferredCulture is { } culture) LocalizationSetup.SetCultureCookie(Response, culture);
            return Url.IsLocalUrl(input.ReturnUrl) ? LocalRedirect(input.ReturnUrl) : RedirectToAction(nameof(Home.HomeController.Index), "Home");
        }

        audit.RecordFor(result.IsLockedOut ? "sign-in-locked-out" : "sign-in-failed", user.Id, user.Email);
        await db.SaveChangesAsync();
        return SignInRefused(input);
    }

    private ViewResult SignInRefused(LoginInput input)
    {
        ModelState.AddModelError("", L["E-mail or password is not correct. After {0} failed attempts an account is locked for 15 minutes; you can also reset your password.",
            identityOptions.Value.Lockout.MaxFailedAccessAttempts]);
        return View(input);
    }

    /// <summary>The form again with what is wrong beside the fields; 422 says the input was refused.</summary>
    private ViewResult Invalid<T>(T input, [System.Runtime.CompilerServices.CallerMemberName] string view = "")
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(view, input);
    }

    private ViewResult TooManyAttempts()
    {
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        ViewData["Message"] = L[SecuritySetup.TooManyAttempts].Value;
        return View("Error", StatusCodes.Status429TooManyRequests);
    }

    /// <summary>
    /// Signing out changes the security stamp, which every request checks, so a copy of the cookie stops
    /// working too (and so do the person's sign-ins in other browsers).
    /// </summary>
    [HttpPost("logout")]
    public async Task<IActionResult> Logout()
    {
        if (await users.GetUserAsync(User) is { } user) await users.UpdateSecurityStampAsync(user);
        await signIn.SignOutAsync();
        return RedirectToAction(nameof(Login));
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
        if (!new ForgotPasswordValidator(L).Validate(input).AddTo(ModelState)) return Invalid(input);
        if (!throttle.TryAttempt(input.Email)) return TooManyAttempts();
        var user = await users.FindByEmailAsync(input.Email.Trim());
        if (user is not null)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var link = outbox.Link(Links.ResetPassword(user.Email!, token));
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
        if (!new SetPasswordValidator(L).Validate(input).AddTo(ModelState)) return Invalid(input);
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
            return Invalid(input);
        }
        // The reset proves the mailbox, so it ends an automatic lock; an administrator's lock stays (decision 0007).
        var lockedByAdministrator = AccountLocks.IsAdministratorLock(await users.GetLockoutEndDateAsync(user));
        if (!lockedByAdministrator)
        {
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
        }
        audit.RecordFor("password-reset", user.Id, user.Email, details: lockedByAdministrator ? "the account stays locked by an administrator" : null);
        await db.SaveChangesAsync();
        TempData["Message"] = lockedByAdministrator
            ? L["Your password has been changed. An administrator has locked this account: ask them to unlock it before you sign in."].Value
            : L["Your password has been changed. Sign in with the new one."].Value;
        return RedirectToAction(nameof(Login));
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
        if (!new SetPasswordValidator(L).Validate(input).AddTo(ModelState)) return Invalid(input);

        var (user, errors) = await invitations.AcceptAsync(invitation, input.DisplayName, input.Password);
        if (user is null)
        {
            foreach (var error in errors) ModelState.AddModelError(nameof(input.Password), L[error]);
            return Invalid(input);
        }
        await signIn.SignInAsync(user, isPersistent: false);
        return RedirectToAction(nameof(Home.HomeController.Index), "Home");
    }
}
