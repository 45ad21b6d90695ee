namespace CopAssessment.Domain.Questionnaires;

/// <summary>
/// Text in several languages, keyed by language code. The application's languages are the six official
/// languages of ITU (<see cref="Languages"/>); Chinese is keyed <c>zh</c> (Simplified), and a definition that
/// says <c>zh-Hans</c> is read the same way.
/// </summary>
[JsonConverter(typeof(LocalizedTextJsonConverter))]
public sealed class LocalizedText
{
    public const string DefaultLanguage = "en";

    /// <summary>The languages a definition should have a text in; a missing one is a warning, not an error.</summary>
    public static readonly IReadOnlyList<string> SupportedLanguages = ["en", "fr", "ar", "es", "ru", "zh"];

    private readonly Dictionary<string, string> _texts;

    public LocalizedText(IReadOnlyDictionary<string, string> texts) =>
        _texts = new Dictionary<string, string>(texts, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, string> Texts => _texts;

    public IEnumerable<string> Languages => _texts.Keys;

    /// <summary>The text for <paramref name="culture"/>, falling back to English (see <see cref="Find(string?)"/>).</summary>
    public string Get(string? culture) => Find(culture).Text;

    public string Get(System.Globalization.CultureInfo culture) => Get(culture.Name);

    /// <summary>
    /// The text for <paramref name="culture"/>: exact match ("fr-CA"), then its parent language ("fr"), then
    /// English, with <see cref="ShownText.IsFallback"/> set when English stands in for a language the reader
    /// asked for, so a page can say so. Every Simplified Chinese culture ("zh-Hans", "zh-CN", "zh-SG", "zh")
    /// finds the <c>zh</c> text; Traditional ones ("zh-Hant", "zh-TW") do not, as that would be a different
    /// script. Empty when even English is missing (a validated definition always has it).
    /// </summary>
    public ShownText Find(string? culture)
    {
        foreach (var language in Candidates(culture))
        {
            if (_texts.TryGetValue(language, out var text) && !string.IsNullOrWhiteSpace(text))
            {
                return new ShownText(text, IsFallback: false);
            }
        }

        var english = _texts.TryGetValue(DefaultLanguage, out var value) ? value : string.Empty;
        return new ShownText(english, IsFallback: !string.IsNullOrEmpty(culture) && !IsLanguage(culture, DefaultLanguage));
    }

    public ShownText Find(System.Globalization.CultureInfo culture) => Find(culture.Name);

    /// <summary>Whether a text exists for <paramref name="language"/> itself, without falling back to English.</summary>
    public bool Has(string language) =>
        Candidates(language).Any(key => _texts.TryGetValue(key, out var text) && !string.IsNullOrWhiteSpace(text));

    /// <summary>The keys that hold the text of <paramref name="culture"/>, most specific first.</summary>
    private static IEnumerable<string> Candidates(string? culture)
    {
        if (string.IsNullOrEmpty(culture))
        {
            yield break;
        }

        if (IsLanguage(culture, "zh"))
        {
            if (IsTraditionalChinese(culture))
            {
                yield return culture;
                yield return "zh-Hant";
                yield break;
            }

            yield return culture;
            yield return "zh-Hans";
            yield return "zh";
            yield break;
        }

        yield return culture;
        var dash = culture.IndexOf('-');
        if (dash > 0)
        {
            yield return culture[..dash];
        }
    }

    private static bool IsLanguage(string culture, string language) =>
        culture.Equals(language, StringComparison.OrdinalIgnoreCase)
        || culture.StartsWith(language + "-", StringComparison.OrdinalIgnoreCase);

    private static bool IsTraditionalChinese(string culture) =>
        culture.Contains("-Hant", StringComparison.OrdinalIgnoreCase)
        || culture.EndsWith("-TW", StringComparison.OrdinalIgnoreCase)
        || culture.EndsWith("-HK", StringComparison.OrdinalIgnoreCase)
        || culture.EndsWith("-MO", StringComparison.OrdinalIgnoreCase);

    public override string ToString() => Get(DefaultLanguage);
}

/// <summary>A text as shown to a reader; <see cref="IsFallback"/> when it is the English text standing in for theirs.</summary>
public readonly record struct ShownText(string Text, bool IsFallback)
{
    public override string ToString() => Text;
}

internal sealed class LocalizedTextJsonConverter : JsonConverter<LocalizedText>
{
    public override LocalizedText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(JsonSerializer.Deserialize<Dictionary<string, string>>(ref reader, options) ?? []);

    public override void Write(Utf8JsonWriter writer, LocalizedText value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (language, text) in value.Texts)
        {
            writer.WriteString(language, text);
        }

        writer.WriteEndObject();
    }
}
