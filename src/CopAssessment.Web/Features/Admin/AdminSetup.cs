namespace CopAssessment.Web.Features.Admin;

public static class AdminSetup
{
    /// <summary>Users, invitations, reference data and the mail outbox, in the Administration menu.</summary>
    public static void AddAdmin(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(new NavigationItem("Users", "/admin/users", 1, Roles.Administrator) { Menu = NavigationItem.Administration });
        services.AddSingleton(new NavigationItem("Invitations", "/admin/invitations", 2, Roles.Administrator) { Menu = NavigationItem.Administration });
        services.AddSingleton(new NavigationItem("Countries and regions", "/admin/countries", 3, Roles.Administrator) { Menu = NavigationItem.Administration });
        services.AddSingleton(new NavigationItem("Mail outbox", "/admin/mail", 6, Roles.Administrator) { Menu = NavigationItem.Administration });
    }
}
