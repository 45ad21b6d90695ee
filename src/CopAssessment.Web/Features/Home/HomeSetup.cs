namespace CopAssessment.Web.Features.Home;

public static class HomeSetup
{
    /// <summary>The dashboard: each feature adds its cards (<see cref="IDashboardCards"/>) where it wires itself.</summary>
    public static void AddHome(this WebApplicationBuilder builder) =>
        builder.Services.AddSingleton(new NavigationItem("Dashboard", "/", 0));
}
