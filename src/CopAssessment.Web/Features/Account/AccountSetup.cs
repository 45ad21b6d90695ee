namespace CopAssessment.Web.Features.Account;

public static class AccountSetup
{
    /// <summary>Signing in and out, password reset and invitations (identity itself: Infrastructure/Security/IdentitySetup).</summary>
    public static void AddAccount(this WebApplicationBuilder builder) =>
        builder.Services.AddScoped<InvitationService>();
}
