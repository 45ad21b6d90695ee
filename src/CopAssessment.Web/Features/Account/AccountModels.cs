using System.ComponentModel.DataAnnotations;
using CopAssessment.Web.Data;

namespace CopAssessment.Web.Features.Account;

public sealed class LoginInput
{
    [Required(ErrorMessage = "Enter your e-mail address."), EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter your password."), DataType(DataType.Password)]
    public string Password { get; set; } = "";

    public string? ReturnUrl { get; set; }
}

public sealed class ForgotPasswordInput
{
    [Required(ErrorMessage = "Enter your e-mail address."), EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    public string Email { get; set; } = "";
}

public sealed class SetPasswordInput
{
    public string Token { get; set; } = "";
    public string? Email { get; set; }

    [StringLength(TextLimits.PersonName)]
    public string? DisplayName { get; set; }

    [Required(ErrorMessage = "Enter a new password."), DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Repeat the new password."), DataType(DataType.Password)]
    [Compare(nameof(Password), ErrorMessage = "The two passwords differ.")]
    public string ConfirmPassword { get; set; } = "";
}
