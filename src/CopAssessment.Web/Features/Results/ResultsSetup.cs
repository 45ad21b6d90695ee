namespace CopAssessment.Web.Features.Results;

public static class ResultsSetup
{
    /// <summary>The public results pages, with a menu entry for visitors who are not signed in.</summary>
    public static void AddResults(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<PublicResults>();
        builder.Services.AddSingleton(new NavigationItem("Results", "/results", 70) { SignedOutOnly = true });
    }
}
