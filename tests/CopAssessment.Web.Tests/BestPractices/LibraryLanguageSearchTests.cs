using static CopAssessment.Web.Tests.BestPractices.PracticeTestKit;

namespace CopAssessment.Web.Tests.BestPractices;

/// <summary>
/// The library search in the languages PostgreSQL stems (Spanish, Russian) and in Chinese, written without
/// spaces (decision 0004): the reader's query does not say which language the practice is in.
/// </summary>
[Collection(AppCollection.Name)]
public class LibraryLanguageSearchTests(CopAppFactory app)
{
    private async Task<string> SearchAsync(string q) =>
        await app.CreateClient().GetStringAsync("/best-practices?q=" + Uri.EscapeDataString(q));

    private async Task AssertFoundAsync(int id, string q)
    {
        var html = await SearchAsync(q);
        Assert.True(html.Contains($"href=\"/best-practices/{id}\"", StringComparison.Ordinal), $"'{q}' did not find practice {id}");
        Assert.Contains("1 practice found", html);
    }

    [Fact]
    public async Task A_spanish_query_finds_its_practice_by_an_inflected_form_a_prefix_and_without_accents()
    {
        var tag = Unique("es");
        var id = (await PublishedAsync(app, Version("Talleres de protección digital " + tag, language: "es", country: "MEX",
            description: $"Los docentes protegen a los niños en línea {tag}. Las escuelas organizan talleres para las familias.")))[0];

        // "proteger" and "protegen" share the stem "proteg"; neither is a prefix of the other.
        foreach (var q in new[] { "proteger", "protegiendo", "protecciones", "escuel", "ninos", "FAMILIA" })
            await AssertFoundAsync(id, q + " " + tag);
        // The snippet marks the inflected form the stem matched.
        Assert.Contains("<mark>protegen</mark>", await SearchAsync("proteger " + tag));
    }

    [Fact]
    public async Task A_russian_query_finds_its_practice_by_an_inflected_form_and_a_prefix()
    {
        var tag = Unique("ru");
        var id = (await PublishedAsync(app, Version("Безопасность детей в интернете " + tag, language: "ru", country: "KAZ",
            description: $"Программа помогает родителям обеспечить защиту детей от кибербуллинга {tag}.")))[0];

        // "дети" (nominative) finds "детей" (genitive), "защита" finds "защиту", "безопасности" finds "Безопасность".
        foreach (var q in new[] { "дети", "защита", "безопасности", "родители", "кибербул" })
            await AssertFoundAsync(id, q + " " + tag);
        Assert.Contains("<mark>детей</mark>", await SearchAsync("дети " + tag));
    }

    [Fact]
    public async Task A_chinese_query_finds_its_practice_by_any_run_of_characters_and_marks_only_that_run()
    {
        var tag = Unique("zh");
        var id = (await PublishedAsync(app, Version("儿童网络保护 " + tag, language: "zh", country: "CHN",
            description: $"该项目帮助家长和学校保护未成年人的网络安全 {tag}。")))[0];

        // A whole word, two characters from the middle of "网络安全" and a single character.
        foreach (var q in new[] { "网络安全", "络安", "未成年人", "童" })
            await AssertFoundAsync(id, q + " " + tag);
        // The characters must be next to each other, in that order: 家 and 学 are both in the text, apart.
        Assert.Contains(">0 practices found", await SearchAsync("家学 " + tag));
        Assert.Contains(">0 practices found", await SearchAsync("安络 " + tag));

        var page = await SearchAsync("络安 " + tag);
        Assert.Contains("网<mark>络安</mark>全", page);
        // The zero-width spaces that split the characters for the search stay out of the page (an ordinal check:
        // culture-aware comparison ignores them).
        Assert.False(page.Contains('\u200B'));
        // 络 of "网络" earlier in the text is no match on its own.
        Assert.Single(Regex.Matches(page, "<mark>[^<]*</mark>"), m => m.Value.Contains('络'));
    }

    [Fact]
    public async Task A_word_excluded_with_a_minus_stays_excluded_in_every_language_branch()
    {
        var tag = Unique("neg");
        var ids = await PublishedAsync(app,
            Version("Children " + tag, description: "A helpline for children.", language: "en"),
            Version("Niños " + tag, description: "Una línea de ayuda para niños.", language: "es"),
            Version("Дети " + tag, description: "Линия доверия для детей.", language: "ru"));
        // Each practice contains its excluded word; the stems of the other languages must not let it back in.
        foreach (var (q, excluded) in new[] { ($"{tag} -children", ids[0]), ($"{tag} -niños", ids[1]), ($"{tag} -детей", ids[2]) })
        {
            var html = await SearchAsync(q);
            Assert.Contains("2 practices found", html);
            Assert.DoesNotContain($"href=\"/best-practices/{excluded}\"", html);
        }
    }
}
