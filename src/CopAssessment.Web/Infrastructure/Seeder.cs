namespace CopAssessment.Web.Infrastructure;

/// <summary>
/// Seeds reference data (regions, the 193 Member States from samples/) and roles on every start, adding
/// only what is missing so administrators' later edits are never overwritten. Demo accounts are seeded
/// only outside Production and only when Demo:Enabled is true.
/// </summary>
public sealed class Seeder(
    CopDbContext db,
    RoleManager<IdentityRole> roles,
    UserManager<ApplicationUser> users,
    IHostEnvironment environment,
    IConfiguration configuration,
    IEnumerable<IDemoSeed> demoSeeds,
    CopAssessment.Web.Features.Questionnaires.QuestionnaireImporter questionnaires,
    ILogger<Seeder> logger)
{
    public const string DemoPassword = "Demo-Password-2026";

    /// <summary>The regions seeded on a new database, by their English names (translated in the resources, see <c>L.Region</c>).</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> RegionNames =
    [
        ("AFR", "Africa"), ("AMS", "Americas"), ("ARB", "Arab States"),
        ("ASP", "Asia and the Pacific"), ("CIS", "Commonwealth of Independent States"), ("EUR", "Europe"),
    ];

    public static string SamplesDirectory => Path.Combine(AppContext.BaseDirectory, "samples");

    public bool DemoEnabled =>
        !environment.IsProduction() && (configuration.GetValue<bool?>("Demo:Enabled") ?? environment.IsDevelopment());

    public async Task SeedAsync()
    {
        await SeedRegionsAndCountriesAsync();
        foreach (var role in Roles.Existing)
        {
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        }
        await SeedQuestionnairesAsync();
        if (DemoEnabled)
        {
            await SeedDemoAccountsAsync();
            foreach (var seed in demoSeeds.OrderBy(s => s.Order)) await seed.SeedAsync();
        }
    }

    private async Task SeedRegionsAndCountriesAsync()
    {
        var existingRegions = await db.Regions.Select(r => r.Code).ToListAsync();
        foreach (var (code, name) in RegionNames.Where(r => !existingRegions.Contains(r.Code)))
        {
            db.Regions.Add(new Region { Code = code, Name = name });
        }
        await db.SaveChangesAsync();

        var existing = (await db.Countries.Select(c => c.Iso3).ToListAsync()).ToHashSet();
        var added = 0;
        foreach (var row in ReadMemberStates(Path.Combine(SamplesDirectory, "itu-member-states.csv")))
        {
            if (existing.Contains(row.Iso3)) continue;
            db.Countries.Add(new Country { Iso3 = row.Iso3, Iso2 = row.Iso2, Name = row.Name, RegionCode = row.Region });
            added++;
        }
        await db.SaveChangesAsync();
        if (added > 0) logger.LogInformation("Seeded {Count} countries", added);
        await SeedCountryNamesAsync();
    }

    /// <summary>
    /// Country names in the other languages (CLDR, samples/country-names.csv). Only missing names are added, so an
    /// administrator's correction is never overwritten by a later start.
    /// </summary>
    private async Task SeedCountryNamesAsync()
    {
        var path = Path.Combine(SamplesDirectory, "country-names.csv");
        if (!File.Exists(path)) return;
        var existing = (await db.CountryNames.Select(n => n.CountryIso3 + "|" + n.Language).ToListAsync()).ToHashSet();
        var countries = (await db.Countries.Select(c => c.Iso3).ToListAsync()).ToHashSet();
        var added = 0;
        foreach (var line in File.ReadLines(path).Skip(1).Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            var fields = SplitCsvLine(line);
            if (!countries.Contains(fields[0]) || !existing.Add(fields[0] + "|" + fields[1])) continue;
            db.CountryNames.Add(new CountryName { CountryIso3 = fields[0], Language = fields[1], Name = fields[2] });
            added++;
        }
        await db.SaveChangesAsync();
        if (added > 0) logger.LogInformation("Seeded {Count} country names", added);
    }

    /// <summary>The product's questionnaire(s) from samples/questionnaires; re-import of the same bytes is a no-op.</summary>
    private async Task SeedQuestionnairesAsync()
    {
        var directory = Path.Combine(SamplesDirectory, "questionnaires");
        if (!Directory.Exists(directory)) return;
        foreach (var file in Directory.EnumerateFiles(directory, "*.json").Where(f => !f.EndsWith(".schema.json")).Order())
        {
            var result = await questionnaires.ImportAsync(await File.ReadAllBytesAsync(file), "seed");
            if (result.Outcome == CopAssessment.Web.Features.Questionnaires.ImportOutcome.Invalid)
                throw new InvalidDataException($"{file} does not validate: " + string.Join("; ", result.Problems.Take(5).Select(p => $"{p.Path}: {p.Message}")));
            if (result.Outcome == CopAssessment.Web.Features.Questionnaires.ImportOutcome.Imported)
                logger.LogInformation("Imported questionnaire {Key} version {Number}", result.Version!.Key, result.Version.Number);
        }
    }

    public static IEnumerable<(string Iso3, string Iso2, string Name, string Region)> ReadMemberStates(string path)
    {
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            var fields = SplitCsvLine(line);
            yield return (fields[0], fields[1], fields[2], fields[3]);
        }
    }

    private static List<string> SplitCsvLine(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return fields;
    }

    /// <summary>
    /// The demo accounts. Mexico's, Kazakhstan's and China's focal points have their language saved, as a person's
    /// choice in the switcher is: signing in sets the culture cookie from it, so they meet the product in Spanish,
    /// Russian and Chinese from the first page; the others start in the browser's language.
    /// </summary>
    public static readonly (string Email, string Name, string Role, string? Country, string? Region, string? Organisation, string? Culture)[] DemoAccounts =
    [
        ("admin@demo.local", "Demo Administrator", Roles.Administrator, null, null, null, null),
        ("reviewer@demo.local", "Demo Reviewer", Roles.Reviewer, null, null, null, null),
        ("focal.ken@demo.local", "Kenya Focal Point", Roles.FocalPoint, "KEN", null, null, null),
        ("focal.gha@demo.local", "Ghana Focal Point", Roles.FocalPoint, "GHA", null, null, null),
        ("focal.egy@demo.local", "Egypt Focal Point", Roles.FocalPoint, "EGY", null, null, null),
        ("focal.bra@demo.local", "Brazil Focal Point", Roles.FocalPoint, "BRA", null, null, null),
        ("focal.fra@demo.local", "France Focal Point", Roles.FocalPoint, "FRA", null, null, null),
        ("focal.mex@demo.local", "Punto focal de México", Roles.FocalPoint, "MEX", null, null, "es"),
        ("focal.kaz@demo.local", "Координатор от Казахстана", Roles.FocalPoint, "KAZ", null, null, "ru"),
        ("focal.chn@demo.local", "中国联络人", Roles.FocalPoint, "CHN", null, null, "zh-Hans"),
        ("coordinator.afr@demo.local", "Africa Regional Coordinator", Roles.RegionalCoordinator, null, "AFR", null, null),
        ("contributor@demo.local", "Demo Contributor", Roles.Contributor, null, null, "Child Safety Online NGO", null),
        ("contributor.ken@demo.local", "Kenya Justice Contributor", Roles.NationalContributor, "KEN", null, null, null),
    ];

    private async Task SeedDemoAccountsAsync()
    {
        foreach (var account in DemoAccounts)
        {
            if (await users.FindByEmailAsync(account.Email) is not null) continue;
            var user = new ApplicationUser
            {
                UserName = account.Email, Email = account.Email, EmailConfirmed = true, DisplayName = account.Name,
                CountryIso3 = account.Country, RegionCode = account.Region, Organisation = account.Organisation,
                PreferredCulture = account.Culture,
            };
            var result = await users.CreateAsync(user, DemoPassword);
            if (!result.Succeeded)
                throw new InvalidOperationException($"Cannot seed {account.Email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
            await users.AddToRoleAsync(user, account.Role);
        }
    }
}

/// <summary>Demo data that a feature contributes; run in Development/demo mode only, in Order.</summary>
public interface IDemoSeed
{
    int Order { get; }
    Task SeedAsync();
}
