namespace CopAssessment.Web.Infrastructure.Localization;

/// <summary>
/// A cycle's title in the reader's language: its <see cref="CycleTitle"/> in that language, otherwise the first title
/// given (<see cref="AssessmentCycle.Name"/>). Not cached: there are a handful of cycles, and a corrected title must
/// show at once on every instance, in pages and mail alike.
/// </summary>
public sealed class CycleTitles(CopDbContext db)
{
    /// <summary>Cycle id → title in <paramref name="culture"/> (the current UI culture when null), for every cycle.</summary>
    public async Task<IReadOnlyDictionary<int, string>> InLanguageAsync(string? culture = null)
    {
        var language = LanguageOf(culture ?? CultureInfo.CurrentUICulture.Name);
        return await db.Set<AssessmentCycle>().AsNoTracking()
            .Select(c => new { c.Id, Title = c.Titles.Where(t => t.Language == language).Select(t => t.Title).FirstOrDefault() ?? c.Name })
            .ToDictionaryAsync(c => c.Id, c => c.Title);
    }

    /// <summary>One cycle's title in <paramref name="culture"/> (the current UI culture when null); null when there is no such cycle.</summary>
    public async Task<string?> OfAsync(int cycleId, string? culture = null)
    {
        var language = LanguageOf(culture ?? CultureInfo.CurrentUICulture.Name);
        return await db.Set<AssessmentCycle>().AsNoTracking().Where(c => c.Id == cycleId)
            .Select(c => c.Titles.Where(t => t.Language == language).Select(t => t.Title).FirstOrDefault() ?? c.Name)
            .SingleOrDefaultAsync();
    }

    /// <summary>
    /// A cycle's title in every language of the product, the fallback applied, for text composed per reader (mail):
    /// <see cref="InCurrentLanguage"/> then picks the one of the language being written.
    /// </summary>
    public static IReadOnlyDictionary<string, string> AllLanguages(string name, IEnumerable<CycleTitle> titles)
    {
        var given = titles.ToDictionary(t => t.Language, t => t.Title);
        return LocalizationSetup.Cultures.ToDictionary(c => c, c => given.GetValueOrDefault(c) ?? name);
    }

    /// <summary>The title in the current UI culture's language, from <see cref="AllLanguages"/>'s answer.</summary>
    public static string InCurrentLanguage(IReadOnlyDictionary<string, string> titles) =>
        titles.GetValueOrDefault(LanguageOf(CultureInfo.CurrentUICulture.Name)) ?? titles.GetValueOrDefault(LocalizationSetup.Cultures[0]) ?? "";

    /// <summary>The stored language for a UI culture (zh-CN reads the zh-Hans title; an unknown culture the default language's).</summary>
    public static string LanguageOf(string culture) => LocalizationSetup.Supported(culture) ?? LocalizationSetup.Cultures[0];
}
