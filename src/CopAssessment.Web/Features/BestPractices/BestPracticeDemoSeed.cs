using CopAssessment.Web.Features.Questionnaires;

namespace CopAssessment.Web.Features.BestPractices;

/// <summary>
/// Demo library: published practices in every region, stakeholder group and language (English, French,
/// Arabic, Spanish, Russian, Chinese), plus a few in each moderation state. Russian practices come from
/// CIS countries and Chinese ones from China.
/// Deterministic (fixed seed, fixed dates) and written once: skipped when any practice exists.
/// </summary>
public sealed class BestPracticeDemoSeed(CopDbContext db, QuestionnaireCatalog catalog, PlaceNames places, ILogger<BestPracticeDemoSeed> logger) : IDemoSeed
{
    public int Order => 50;

    /// <summary>Tried again whole after a transient database error: nothing is kept of a first try that failed.</summary>
    public Task SeedAsync() => db.RetriedAsync(SeedOnceAsync);

    private async Task SeedOnceAsync()
    {
        if (await db.Set<BestPractice>().AnyAsync()) return;
        var capabilities = (await catalog.GetCapabilitiesAsync()).Select(c => c.Key).ToArray();
        if (capabilities.Length == 0) capabilities = ["pg.1.leadership", "so.13.education", "ind.17.reporting"];
        var countries = await db.Countries.AsNoTracking().OrderBy(c => c.Iso3).Select(c => new { c.Iso3, c.Name, c.RegionCode }).ToListAsync();
        var byRegion = countries.GroupBy(c => c.RegionCode).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.ToList());
        var users = await db.Users.AsNoTracking().Where(u => u.Email != null && u.Email.EndsWith("@demo.local"))
            .ToDictionaryAsync(u => u.Email!, u => u.Id);
        if (!users.TryGetValue("contributor@demo.local", out var contributorId)) return;

        var random = new Random(20260406);
        var baseDate = new DateTimeOffset(2025, 1, 15, 9, 0, 0, TimeSpan.Zero);
        var regions = byRegion.Keys.ToArray();
        var published = new List<(BestPractice Practice, BestPracticeVersion Version)>();
        var n = 0;
        foreach (var (language, themes) in DemoTexts.Themes)
        {
            for (var i = 0; i < 16; i++, n++)
            {
                var theme = themes[i % themes.Count];
                var region = regions[n % regions.Length];
                var pool = language switch
                {
                    "ru" when byRegion.TryGetValue("CIS", out var cis) => cis,
                    "zh" when countries.Find(c => c.Iso3 == "CHN") is { } china => [china],
                    _ => byRegion[region],
                };
                var country = pool[random.Next(pool.Count)];
                var group = Vocabulary.StakeholderGroups[n % Vocabulary.StakeholderGroups.Count].Code;
                var audiences = Vocabulary.Audiences.Where((_, k) => (n + k) % 3 != 0 || k == n % 4).Select(a => a.Code).ToList();
                var start = 2012 + random.Next(12);
                // A practice names its country as its language does ("au Kenya", "في كينيا").
                var version = Version(theme, await places.CountryAsync(country.Iso3, language), language, group, [country.Iso3], audiences,
                    [capabilities[n % capabilities.Length], capabilities[(n * 7 + 3) % capabilities.Length]], start,
                    random.Next(3) == 0 ? null : start + 1 + random.Next(4));
                version.Status = PracticeStatus.Published;
                version.SubmittedAt = baseDate.AddDays(n * 5);
                version.ReviewedAt = baseDate.AddDays(n * 5 + 2);
                version.ReviewedBy = "reviewer@demo.local";
                var practice = new BestPractice
                {
                    OwnerId = contributorId, OwnerEmail = "contributor@demo.local", CreatedAt = baseDate.AddDays(n * 5 - 3),
                    FirstPublishedAt = version.ReviewedAt, Versions = [version],
                };
                db.Add(practice);
                published.Add((practice, version));
            }
        }

        // A few in each moderation state, owned by the demo focal points and the contributor.
        var english = DemoTexts.Themes[0].Themes;
        void Pending(string owner, string? iso3, string countryName, PracticeStatus status, int theme, string? note)
        {
            var v = Version(english[theme % english.Count], countryName, "en", "government", iso3 is null ? ["KEN"] : [iso3],
                ["children", "parents-educators"], [capabilities[theme % capabilities.Length]], 2022, null);
            v.Status = status;
            v.SubmittedAt = status == PracticeStatus.Draft ? null : baseDate.AddDays(400 + theme);
            if (status is PracticeStatus.ChangesRequested or PracticeStatus.Declined)
            {
                v.ReviewedAt = baseDate.AddDays(402 + theme);
                v.ReviewedBy = "reviewer@demo.local";
                v.ReviewNote = note;
            }
            db.Add(new BestPractice
            {
                OwnerId = users.GetValueOrDefault(owner, contributorId), OwnerEmail = owner, OwnerCountryIso3 = iso3,
                CreatedAt = baseDate.AddDays(398 + theme), Versions = [v],
            });
        }
        Pending("focal.ken@demo.local", "KEN", "Kenya", PracticeStatus.Draft, 0, null);
        Pending("contributor@demo.local", null, "Kenya", PracticeStatus.Draft, 1, null);
        Pending("focal.gha@demo.local", "GHA", "Ghana", PracticeStatus.Submitted, 2, null);
        Pending("focal.bra@demo.local", "BRA", "Brazil", PracticeStatus.Submitted, 3, null);
        Pending("focal.egy@demo.local", "EGY", "Egypt", PracticeStatus.ChangesRequested, 4, "Please add figures on the number of children reached and the evaluation method.");
        Pending("focal.fra@demo.local", "FRA", "France", PracticeStatus.ChangesRequested, 0, "The description repeats the summary; describe how the programme works in practice.");
        Pending("contributor@demo.local", null, "Kenya", PracticeStatus.Declined, 1, "This is a product advertisement rather than a practice with results.");
        Pending("focal.ken@demo.local", "KEN", "Kenya", PracticeStatus.Declined, 2, "Duplicate of an existing published practice.");

        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.SaveChangesAsync();
        foreach (var (practice, version) in published) practice.PublishedVersionId = version.Id;

        // One published practice with an update waiting for review: the public still sees version 1.
        var (updated, first) = published[0];
        var second = new BestPracticeVersion { PracticeId = updated.Id, Number = 2 };
        PracticeInput.From(first).CopyTo(second);
        second.Summary += " Updated with the 2025 evaluation.";
        second.Status = PracticeStatus.Submitted;
        second.SubmittedAt = baseDate.AddDays(420);
        db.Add(second);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        logger.LogInformation("Seeded {Count} demo best practices", published.Count + 9);
    }

    private static BestPracticeVersion Version(DemoTheme theme, string country, string language, string group, List<string> countries,
        List<string> audiences, List<string> capabilities, int start, int? end) => new()
    {
        Number = 1, Language = language, StakeholderGroup = group, Countries = countries, Audiences = audiences,
        Capabilities = capabilities.Distinct().ToList(), StartYear = start, EndYear = end,
        Title = theme.Title.Replace("{country}", country), Summary = theme.Summary.Replace("{country}", country),
        Description = theme.Description.Replace("{country}", country), Results = theme.Results.Replace("{country}", country),
        EnablingFactors = theme.Enabling, Scalability = theme.Scaling, Organisation = theme.Organisation.Replace("{country}", country),
        Links = ["https://www.itu.int/cop"], ContactName = "Demo Contact", ContactEmail = "contact@demo.local",
        CreatedBy = "seed", CreatedAt = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
    };
}

public sealed record DemoTheme(string Title, string Summary, string Description, string Results, string Enabling, string Scaling, string Organisation);
