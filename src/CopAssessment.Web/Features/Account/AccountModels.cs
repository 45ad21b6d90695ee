namespace CopAssessment.Web.Features.Account;

public static class AccountLimits
{
    /// <summary>Longer than any pass phrase a person types; keeps a pasted megabyte away from the hasher.</summary>
    public const int Password = 256;
}

public sealed class LoginInput
{
    public string Email { get; set; } = "";

    [System.ComponentModel.DataAnnotations.DataType(System.ComponentModel.DataAnnotations.DataType.Password)]
    public string Password { get; set; } = "";

    public string? ReturnUrl { get; set; }
}

public sealed class LoginValidator : AbstractValidator<LoginInput>
{
    public LoginValidator(IStringLocalizer<Ui> L)
    {
        RuleFor(x => x.Email).Cascade(CascadeMode.Stop).NotEmpty().WithMessage(L["Enter your e-mail address."])
            .MaximumLength(TextLimits.Email).WithMessage(L["Use at most {0} characters.", TextLimits.Email])
            .EmailAddress().WithMessage(L["Enter a valid e-mail address."]);
        RuleFor(x => x.Password).NotEmpty().WithMessage(L["Enter your password."])
            .MaximumLength(AccountLimits.Password).WithMessage(L["Use at most {0} characters.", AccountLimits.Password]);
    }
}

public sealed class ForgotPasswordInput
{
    public string Email { get; set; } = "";
}

public sealed class ForgotPasswordValidator : AbstractValidator<ForgotPasswordInput>
{
    public ForgotPasswordValidator(IStringLocalizer<Ui> L)
    {
        RuleFor(x => x.Email).Cascade(CascadeMode.Stop).NotEmpty().WithMessage(L["Enter your e-mail address."])
            .MaximumLength(TextLimits.Email).WithMessage(L["Use at most {0} characters.", TextLimits.Email])
            .EmailAddress().WithMessage(L["Enter a valid e-mail address."]);
    }
}

/// <summary>Choosing a password: after a reset link, and when accepting an invitation (which also asks for a name).</summary>
public sealed class SetPasswordInput
{
    public string Token { get; set; } = "";
    public string? Email { get; set; }

    public string? DisplayName { get; set; }

    [System.ComponentModel.DataAnnotations.DataType(System.ComponentModel.DataAnnotations.DataType.Password)]
    public string Password { get; set; } = "";

    [System.ComponentModel.DataAnnotations.DataType(System.ComponentModel.DataAnnotations.DataType.Password)]
    public string ConfirmPassword { get; set; } = "";
}

public sealed class SetPasswordValidator : AbstractValidator<SetPasswordInput>
{
    public SetPasswordValidator(IStringLocalizer<Ui> L)
    {
        RuleFor(x => x.DisplayName).MaximumLength(TextLimits.PersonName).WithMessage(L["Use at most {0} characters.", TextLimits.PersonName]);
        RuleFor(x => x.Password).NotEmpty().WithMessage(L["Enter a new password."])
            .MaximumLength(AccountLimits.Password).WithMessage(L["Use at most {0} characters.", AccountLimits.Password]);
        RuleFor(x => x.ConfirmPassword).NotEmpty().WithMessage(L["Repeat the new password."])
            .Equal(x => x.Password).When(x => !string.IsNullOrEmpty(x.Password)).WithMessage(L["The two passwords differ."]);
    }
}
