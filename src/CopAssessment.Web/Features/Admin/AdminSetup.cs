namespace CopAssessment.Web.Features.Admin;

public static class AdminSetup
{
    /// <summary>Users, invitations, reference data, the mail outbox and the background jobs, in the Administration menu.</summary>
    public static void AddAdmin(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(new NavigationItem("Users", "/admin/users", 1, Roles.Administrator) { Menu = NavigationItem.Administration });
        services.AddSingleton(new NavigationItem("Invitations", "/admin/invitations", 2, Roles.Administrator) { Menu = NavigationItem.Administration });
        services.AddSingleton(new NavigationItem("Countries and regions", "/admin/countries", 3, Roles.Administrator) { Menu = NavigationItem.Administration });
        services.AddSingleton(new NavigationItem("Mail outbox", "/admin/mail", 6, Roles.Administrator) { Menu = NavigationItem.Administration });
        // Hangfire's dashboard (Infrastructure/Jobs: MapJobsDashboard), in the same menu.
        services.AddSingleton(new NavigationItem("Background jobs", Infrastructure.Jobs.JobsSetup.DashboardPath, 7, Roles.Administrator) { Menu = NavigationItem.Administration });
    }
}
