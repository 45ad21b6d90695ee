using CopAssessment.Web.Features.Questionnaires;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CopAssessment.Web.Features.BestPractices;

public static class BestPracticesSetup
{
    public static void AddBestPractices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddScoped<QuestionnaireCatalog>();
        services.AddScoped<PracticeEditor>();
        services.AddScoped<PracticeAttachments>();
        services.AddScoped<Moderation>();
        services.AddScoped<LibrarySearch>();
        services.AddScoped<LibraryLookups>();
        services.AddScoped<PublishedPractices>();
        services.AddScoped<IDemoSeed, BestPracticeDemoSeed>();
        services.AddSingleton<IDatabaseObjects, LibrarySearchSchema>();
        services.AddSingleton(new NavigationItem("Best practices", "/best-practices", 20) { Public = true });
        services.AddSingleton(new NavigationItem("My best practices", "/best-practices/mine", 21, Roles.FocalPoint, Roles.Contributor));
        services.AddSingleton(new NavigationItem("Moderation", "/best-practices/moderation", 22, Roles.Administrator, Roles.Reviewer));
    }
}
