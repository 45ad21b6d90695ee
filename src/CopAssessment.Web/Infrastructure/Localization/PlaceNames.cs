using Microsoft.Extensions.Caching.Memory;

namespace CopAssessment.Web.Infrastructure.Localization;

/// <summary>
/// Country names in the reader's language (<see cref="CountryName"/>; English is <see cref="Country.Name"/>, and
/// a language without a name for a country falls back to it), and the reader's collation for sorting them.
/// The names of a language are read once and kept for ten minutes, or until an administrator corrects one on this
/// instance (<see cref="Changed"/>); another instance shows a correction within those ten minutes.
/// </summary>
public sealed class PlaceNames(CopDbContext db, IMemoryCache cache)
{
    private const string CacheKey = "country-names:";

    /// <summary>ISO3 → name in <paramref name="culture"/> (the current UI culture when null), for every country.</summary>
    public async Task<IReadOnlyDictionary<string, string>> CountriesAsync(string? culture = null)
    {
        var language = LanguageOf(culture ?? CultureInfo.CurrentUICulture.Name);
        if (cache.TryGetValue(CacheKey + language, out IReadOnlyDictionary<string, string>? names) && names is not null) return names;
        var english = await db.Countries.AsNoTracking().ToDictionaryAsync(c => c.Iso3, c => c.Name);
        var local = language == "en" ? [] : await db.CountryNames.AsNoTracking().Where(n => n.Language == language).ToDictionaryAsync(n => n.CountryIso3, n => n.Name);
        names = english.ToDictionary(e => e.Key, e => local.GetValueOrDefault(e.Key) ?? e.Value);
        cache.Set(CacheKey + language, names, TimeSpan.FromMinutes(10));
        return names;
    }

    /// <summary>
    /// Countries to choose from or to list — all, or <paramref name="only"/> — as (ISO3, name) in the reader's
    /// language and in the order that language sorts: the one rule every country picker follows.
    /// </summary>
    public async Task<IReadOnlyList<KeyValuePair<string, string>>> SortedAsync(IEnumerable<string>? only = null, string? culture = null)
    {
        var names = await CountriesAsync(culture);
        var keep = only?.ToHashSet();
        return [.. names.Where(n => keep is null || keep.Contains(n.Key))
            .OrderBy(n => n.Value, Collation(culture)).ThenBy(n => n.Key, StringComparer.Ordinal)];
    }

    /// <summary>The name of one country in the reader's language.</summary>
    public async Task<string> CountryAsync(string iso3, string? culture = null) =>
        (await CountriesAsync(culture)).GetValueOrDefault(iso3) ?? iso3;

    /// <summary>A country's name in every language of the product ("en" included), for text composed per reader (mail).</summary>
    public async Task<IReadOnlyDictionary<string, string>> AllLanguagesAsync(string iso3)
    {
        var names = new Dictionary<string, string>();
        foreach (var language in Languages.Prepend("en")) names[language] = await CountryAsync(iso3, language);
        return names;
    }

    /// <summary>The name in the current UI culture's language, from <see cref="AllLanguagesAsync"/>'s answer.</summary>
    public static string InCurrentLanguage(IReadOnlyDictionary<string, string> names) =>
        names.GetValueOrDefault(LanguageOf(CultureInfo.CurrentUICulture.Name)) ?? names.GetValueOrDefault("en") ?? "";

    /// <summary>Forgets the cached names of a language after a correction.</summary>
    public void Changed(string language) => cache.Remove(CacheKey + language);

    /// <summary>Sorts as the reader's language does (ICU collation: "Égypte" with the E's, Russian and Chinese in their order).</summary>
    public static StringComparer Collation(string? culture = null) =>
        StringComparer.Create(CultureInfo.GetCultureInfo(culture ?? CultureInfo.CurrentUICulture.Name), CompareOptions.IgnoreCase);

    /// <summary>The languages names are kept for besides English, as cultures (the CLDR seed's language column).</summary>
    public static readonly IReadOnlyList<string> Languages = ["fr", "ar", "es", "ru", "zh-Hans"];

    /// <summary>The history's field name for a correction of the name in <paramref name="language"/>.</summary>
    public static string NameField(string language) => "Name:" + language;

    /// <summary>The stored language for a UI culture: zh, zh-CN and zh-Hans-CN read the zh-Hans names.</summary>
    public static string LanguageOf(string culture) =>
        culture.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "zh-Hans"
        : culture.Split('-')[0].ToLowerInvariant() is var language && Languages.Contains(language) ? language : "en";
}
