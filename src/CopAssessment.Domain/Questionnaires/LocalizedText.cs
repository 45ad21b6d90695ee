namespace CopAssessment.Domain.Questionnaires;

/// <summary>Text in several languages, keyed by language code ("en", "fr", "ar", "zh-Hans" …).</summary>
[JsonConverter(typeof(LocalizedTextJsonConverter))]
public sealed class LocalizedText
{
    public const string DefaultLanguage = "en";

    private readonly Dictionary<string, string> _texts;

    public LocalizedText(IReadOnlyDictionary<string, string> texts) =>
        _texts = new Dictionary<string, string>(texts, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, string> Texts => _texts;

    public IEnumerable<string> Languages => _texts.Keys;

    /// <summary>
    /// The text for <paramref name="culture"/>: exact match ("fr-CA"), then its parent language ("fr"),
    /// then English; empty when even English is missing (a validated definition always has it).
    /// </summary>
    public string Get(string? culture)
    {
        if (!string.IsNullOrEmpty(culture))
        {
            if (_texts.TryGetValue(culture, out var exact) && !string.IsNullOrWhiteSpace(exact))
            {
                return exact;
            }

            var dash = culture.IndexOf('-');
            if (dash > 0 && _texts.TryGetValue(culture[..dash], out var neutral) && !string.IsNullOrWhiteSpace(neutral))
            {
                return neutral;
            }
        }

        return _texts.TryGetValue(DefaultLanguage, out var english) ? english : string.Empty;
    }

    public string Get(System.Globalization.CultureInfo culture) => Get(culture.Name);

    public override string ToString() => Get(DefaultLanguage);
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
