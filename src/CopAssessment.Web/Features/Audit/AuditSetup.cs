namespace CopAssessment.Web.Features.AuditTrail;

public static class AuditSetup
{
    /// <summary>The audit page. (Recording is everyone's: <see cref="Infrastructure.Security.Audit"/>, wired with identity.)</summary>
    public static void AddAudit(this WebApplicationBuilder builder) =>
        builder.Services.AddSingleton(new NavigationItem("Audit", "/admin/audit", 7, Roles.Administrator) { Menu = NavigationItem.Administration });
}
