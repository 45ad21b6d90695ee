using System.Collections.Frozen;
using System.Text.Json;

namespace CopAssessment.Web.Infrastructure.Localization;

/// <summary>
/// UI strings are keyed by their English text; each feature keeps its translations in
/// <c>Resources/{Feature}.{culture}.json</c>. All files of a culture are merged once at start-up, so
/// features never edit a shared resource file. A missing translation falls back to English (the key).
/// See docs/decisions/0003-json-localization.md.
/// </summary>
public sealed class JsonStringLocalizerFactory : IStringLocalizerFactory
{
    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> _byCulture;

    public JsonStringLocalizerFactory(IHostEnvironment environment)
    {
        _byCulture = Load(Path.Combine(environment.ContentRootPath, "Resources"));
    }

    public static FrozenDictionary<string, FrozenDictionary<string, string>> Load(string directory)
    {
        var cultures = new Dictionary<string, Dictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        if (Directory.Exists(directory))
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
            {
                // Admin.fr.json → culture "fr"
                var parts = Path.GetFileNameWithoutExtension(file).Split('.');
                if (parts.Length < 2) continue;
                var culture = parts[^1];
                var entries = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file))
                    ?? throw new InvalidDataException($"{file} is not a JSON object of strings");
                if (!cultures.TryGetValue(culture, out var target)) cultures[culture] = target = new(StringComparer.Ordinal);
                foreach (var (key, value) in entries) target[key] = value;
            }
        }
        return cultures.ToFrozenDictionary(c => c.Key, c => c.Value.ToFrozenDictionary(StringComparer.Ordinal), StringComparer.OrdinalIgnoreCase);
    }

    public IStringLocalizer Create(Type resourceSource) => new JsonStringLocalizer(_byCulture);
    public IStringLocalizer Create(string baseName, string location) => new JsonStringLocalizer(_byCulture);
}

public sealed class JsonStringLocalizer(FrozenDictionary<string, FrozenDictionary<string, string>> byCulture) : IStringLocalizer
{
    public LocalizedString this[string name]
    {
        get
        {
            var found = TryFind(name, out var value);
            return new LocalizedString(name, value, resourceNotFound: !found);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var found = TryFind(name, out var format);
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format, arguments), resourceNotFound: !found);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        Strings(CultureInfo.CurrentUICulture).Select(kv => new LocalizedString(kv.Key, kv.Value));

    private bool TryFind(string name, out string value)
    {
        value = name;
        var culture = CultureInfo.CurrentUICulture;
        // English is the key itself.
        if (culture.TwoLetterISOLanguageName == "en") return true;
        while (!string.IsNullOrEmpty(culture.Name))
        {
            if (byCulture.TryGetValue(culture.Name, out var strings) && strings.TryGetValue(name, out var translated))
            {
                value = translated;
                return true;
            }
            culture = culture.Parent;
        }
        return false;
    }

    private IEnumerable<KeyValuePair<string, string>> Strings(CultureInfo culture) =>
        byCulture.TryGetValue(LocalizationSetup.Supported(culture.Name) ?? culture.Name, out var strings) ? strings : [];
}

/// <summary>Marker type for <c>IStringLocalizer&lt;Ui&gt;</c>: all UI strings share one dictionary.</summary>
public sealed class Ui;
