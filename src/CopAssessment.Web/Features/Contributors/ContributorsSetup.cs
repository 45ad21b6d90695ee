namespace CopAssessment.Web.Features.Contributors;

public static class ContributorsSetup
{
    /// <summary>National contributors: the focal point's team page, the completion mail, and the demo contributor.</summary>
    public static void AddContributors(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<ContributorTeam>();
        services.AddScoped<SectionCompletion>();
        services.AddScoped<IDemoSeed, ContributorDemoSeed>();
        services.AddSingleton(new NavigationItem("National contributors", "/contributors", 22, Roles.FocalPoint));
    }
}

/// <summary>Kenya's demo contributor answers the Criminal justice domain; the other sections are read-only to them.</summary>
public sealed class ContributorDemoSeed(CopDbContext db) : IDemoSeed
{
    public const string Email = "contributor.ken@demo.local";
    public const string Section = "justice";

    public int Order => 50;

    public async Task SeedAsync()
    {
        var userId = await db.Users.Where(u => u.NormalizedEmail == Email.ToUpperInvariant()).Select(u => u.Id).SingleOrDefaultAsync();
        if (userId is null || await db.ContributorAssignments.AnyAsync(a => a.UserId == userId)) return;
        db.ContributorAssignments.Add(new ContributorAssignment { UserId = userId, CountryIso3 = "KEN", SectionKey = Section, AssignedBy = "focal.ken@demo.local" });
        await db.SaveChangesAsync();
    }
}
