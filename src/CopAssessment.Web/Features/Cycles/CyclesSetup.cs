namespace CopAssessment.Web.Features.Cycles;

public static class CyclesSetup
{
    /// <summary>Assessment cycles: opening, closing, publishing, deadlines and policies.</summary>
    public static void AddCycles(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CycleService>();
        builder.Services.AddScoped<CarryForward>();
        builder.Services.AddSingleton(new NavigationItem("Cycles", "/admin/cycles", 5, Roles.Administrator) { Menu = NavigationItem.Administration });
    }
}
