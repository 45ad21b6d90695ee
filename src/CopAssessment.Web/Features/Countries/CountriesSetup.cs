namespace CopAssessment.Web.Features.Countries;

public static class CountriesSetup
{
    /// <summary>The country pages (their profiles; administrators edit them under Administration).</summary>
    public static void AddCountries(this WebApplicationBuilder builder) =>
        builder.Services.AddSingleton(new NavigationItem("Countries", "/countries", 10,
            Roles.Administrator, Roles.Reviewer, Roles.FocalPoint, Roles.RegionalCoordinator));
}
