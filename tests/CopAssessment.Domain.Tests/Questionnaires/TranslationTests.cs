using System.Text.Json.Nodes;
using CopAssessment.Domain.Questionnaires;
using CopAssessment.Domain.Tests.Support;

namespace CopAssessment.Domain.Tests.Questionnaires;

/// <summary>The six languages of a definition: which text a reader gets, and what a missing one costs (a warning).</summary>
public class TranslationTests
{
    private static readonly LocalizedText SixLanguages = new(new Dictionary<string, string>
    {
        ["en"] = "Yes", ["fr"] = "Oui", ["ar"] = "نعم", ["es"] = "Sí", ["ru"] = "Да", ["zh"] = "是",
    });

    [Theory]
    [InlineData("es", "Sí")]
    [InlineData("es-MX", "Sí")]
    [InlineData("ru", "Да")]
    [InlineData("ru-KZ", "Да")]
    [InlineData("zh", "是")]
    [InlineData("zh-Hans", "是")]
    [InlineData("zh-CN", "是")]
    [InlineData("zh-Hans-CN", "是")]
    [InlineData("zh-SG", "是")]
    public void Every_simplified_chinese_culture_and_each_new_language_finds_its_text(string culture, string expected)
    {
        var shown = SixLanguages.Find(culture);
        Assert.Equal(expected, shown.Text);
        Assert.False(shown.IsFallback);
    }

    [Fact]
    public void A_definition_keyed_zh_Hans_is_read_as_chinese_too()
    {
        var text = new LocalizedText(new Dictionary<string, string> { ["en"] = "Yes", ["zh-Hans"] = "是" });
        Assert.Equal("是", text.Get("zh-CN"));
        Assert.Equal("是", text.Get("zh"));
        Assert.True(text.Has("zh"));
    }

    [Theory]
    [InlineData("zh-Hant")]
    [InlineData("zh-TW")]
    public void Traditional_chinese_is_not_given_the_simplified_text(string culture)
    {
        var shown = SixLanguages.Find(culture);
        Assert.Equal("Yes", shown.Text);
        Assert.True(shown.IsFallback);
    }

    [Theory]
    [InlineData("fr", true)]
    [InlineData("zh-Hans", true)]
    [InlineData("en", false)]
    [InlineData("en-GB", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void English_standing_in_for_the_readers_language_is_flagged_as_a_fallback(string? culture, bool fallback)
    {
        var text = new LocalizedText(new Dictionary<string, string> { ["en"] = "Yes", ["fr"] = " " });
        var shown = text.Find(culture);
        Assert.Equal("Yes", shown.Text);
        Assert.Equal(fallback, shown.IsFallback);
    }

    [Fact]
    public void An_english_only_definition_loads_with_one_warning_per_text_naming_the_missing_languages()
    {
        var loaded = DefinitionValidator.Load(Definitions.Base);

        Assert.True(loaded.IsValid);
        Assert.Empty(loaded.Problems);
        var title = Assert.Single(loaded.Warnings, w => w.Path == "$.title");
        Assert.Contains("fr, ar, es, ru, zh", title.Message);
        Assert.Contains(loaded.Warnings, w => w.Path == "$.stages[1].name");
        Assert.Contains(loaded.Warnings, w => w.Path == "$.domains[0].capabilities[0].suggestedActions.building");
        Assert.Contains(loaded.Warnings, w => w.Path == $"{Definitions.Q}[1].options[0].label");
        Assert.Equal(loaded.Warnings.Count, loaded.Warnings.Select(w => w.Path).Distinct().Count());
    }

    [Fact]
    public void A_text_in_all_six_languages_has_no_warning_and_a_partial_one_names_only_what_is_missing()
    {
        var root = Definitions.BaseNode();
        root["title"] = new JsonObject { ["en"] = "T", ["fr"] = "T", ["ar"] = "ت", ["es"] = "T", ["ru"] = "Т", ["zh-Hans"] = "题" };
        Definitions.Question(root, 0)["text"] = new JsonObject { ["en"] = "Q1", ["fr"] = "Q1", ["ar"] = "س1", ["es"] = "", ["ru"] = "В1" };

        var loaded = DefinitionValidator.Load(root.ToJsonString());

        Assert.True(loaded.IsValid);
        Assert.DoesNotContain(loaded.Warnings, w => w.Path == "$.title");
        var question = Assert.Single(loaded.Warnings, w => w.Path == $"{Definitions.Q}[0].text");
        Assert.StartsWith("No translation for es, zh:", question.Message);
    }

    [Fact]
    public void A_language_the_application_does_not_have_is_a_warning_at_its_path()
    {
        var root = Definitions.BaseNode();
        root["title"] = new JsonObject { ["en"] = "T", ["de"] = "T" };

        var loaded = DefinitionValidator.Load(root.ToJsonString());

        Assert.True(loaded.IsValid);
        Assert.Contains(loaded.Warnings, w => w.Path == "$.title.de" && w.Message.Contains("never shown"));
    }

    [Fact]
    public void Warnings_are_listed_beside_the_problems_of_an_invalid_definition()
    {
        var root = Definitions.BaseNode();
        Definitions.Question(root, 0)["type"] = "slider";

        var loaded = DefinitionValidator.Load(root.ToJsonString());

        Assert.False(loaded.IsValid);
        Assert.NotEmpty(loaded.Problems);
        Assert.All(loaded.Problems, p => Assert.DoesNotContain("No translation", p.Message));
        Assert.NotEmpty(loaded.Warnings);
    }
}
