using System.Globalization;
using Microsoft.Playwright;

namespace CopAssessment.Browser.Tests.Platform;

/// <summary>
/// The 193-country pickers and lists read in the reader's language and in the order that language sorts (ICU
/// collation: Russian in Cyrillic order, Chinese by pinyin), and a picker can be searched by typing part of a
/// localised name, accents or not; the plain select stays the form field and works alone without JavaScript.
/// </summary>
[Collection(BrowserCollection.Name)]
public class CountryPickerTests(BrowserFixture fixture)
{
    public static IEnumerable<object[]> Cultures() => Web.Infrastructure.Localization.LocalizationSetup.Cultures.Select(c => new object[] { c });

    /// <summary>The order expected: the stored names of the language (English where it has none), sorted by .NET's ICU collation of that language.</summary>
    private Task<List<string>> ExpectedOrderAsync(string culture) => fixture.App.WithDbAsync(async db =>
    {
        var english = await db.Countries.ToDictionaryAsync(c => c.Iso3, c => c.Name);
        var local = await db.CountryNames.Where(n => n.Language == culture).ToDictionaryAsync(n => n.CountryIso3, n => n.Name);
        var collation = StringComparer.Create(CultureInfo.GetCultureInfo(culture), CompareOptions.IgnoreCase);
        return english.Select(e => local.GetValueOrDefault(e.Key) ?? e.Value).Order(collation).ToList();
    });

    private static async Task<List<string>> OptionsAsync(IPage page, string select) =>
        [.. (await page.Locator($"{select} option:not([value=''])").AllTextContentsAsync()).Select(t => t.Trim())];

    [Theory]
    [MemberData(nameof(Cultures))]
    public async Task Country_pickers_and_lists_are_in_the_language_and_sorted_as_it_sorts(string culture)
    {
        var expected = await ExpectedOrderAsync(culture);
        Assert.Equal(193, expected.Count);
        var page = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, "admin@demo.local");
        var q = $"?culture={culture}&ui-culture={culture}";

        await page.GotoAsync("/admin/invitations/new" + q);
        Assert.Equal(expected, await OptionsAsync(page, "#CountryIso3"));
        await page.GotoAsync("/reports" + q);
        Assert.Equal(expected, await OptionsAsync(page, "#CountryIso3"));
        await page.GotoAsync("/best-practices" + q);
        Assert.Equal(expected, await OptionsAsync(page, "#country"));
        await page.GotoAsync("/admin/countries" + q);
        var listed = (await page.Locator("table").Last.Locator("tbody tr td:nth-child(2)").AllTextContentsAsync()).Select(t => t.Trim()).ToList();
        Assert.Equal(expected, listed);
        var mexico = await fixture.App.WithDbAsync(db => db.Users.Where(u => u.Email == "focal.mex@demo.local").Select(u => u.Id).SingleAsync());
        await page.GotoAsync($"/admin/users/{mexico}" + q);
        Assert.Equal(expected, await OptionsAsync(page, "#CountryIso3"));
        // The country list: by region, and within a region as the language sorts.
        await page.GotoAsync("/countries" + q);
        var rows = await page.Locator("tbody tr").EvaluateAllAsync<string[][]>("rows => rows.map(r => [r.cells[1].textContent.trim(), r.cells[2].textContent.trim()])");
        Assert.Equal(193, rows.Length);
        foreach (var region in rows.GroupBy(r => r[1]))
            Assert.Equal([.. expected.Where(region.Select(r => r[0]).Contains)], region.Select(r => r[0]).ToList());

        // What that order means, in names a reader knows (English order would put France before Germany, Japan before the US).
        var (germany, france) = culture switch
        {
            "es" => ("Alemania", "Francia"), "ru" => ("Германия", "Франция"), "zh-Hans" => ("德国", "法国"),
            "fr" => ("Allemagne", "France"), "ar" => ("ألمانيا", "فرنسا"), _ => ("France", "Germany"),
        };
        Assert.True(expected.IndexOf(germany) is >= 0 and var g && g < expected.IndexOf(france), $"{germany} should come before {france}");
        if (culture == "ru") Assert.Equal("Австралия", expected[0]);
        if (culture == "zh-Hans") Assert.True(expected.IndexOf("美国") < expected.IndexOf("日本"), "pinyin: Meiguo before Riben");
        if (culture == "es") Assert.True(expected.IndexOf("Bélgica") < expected.IndexOf("Belice"), "accents do not send Bélgica after the other B's");
    }

    [Theory]
    [InlineData("fr", "Éth", "Éthiopie")]
    [InlineData("fr", "eth", "Éthiopie")]
    [InlineData("ru", "Эфи", "Эфиопия")]
    [InlineData("zh-Hans", "埃塞", "埃塞俄比亚")]
    [InlineData("ar", "إثيو", "إثيوبيا")]
    [InlineData("es", "etio", "Etiopía")]
    public async Task Typing_part_of_a_localised_name_and_pressing_enter_picks_it_and_the_invitation_posts_its_code(string culture, string typed, string name)
    {
        var email = $"picker.{Guid.NewGuid():N}@example.org";
        var page = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, "admin@demo.local");
        await page.GotoAsync($"/admin/invitations/new?culture={culture}&ui-culture={culture}");
        await page.Locator("#Email").FillAsync(email);
        await page.Locator("label[for='role-FocalPoint']").ClickAsync();

        var filter = page.Locator("#CountryIso3-filter");
        // A labelled search field, announced with the select it filters.
        Assert.Equal("CountryIso3", await filter.GetAttributeAsync("aria-controls"));
        await Assertions.Expect(page.Locator("label[for='CountryIso3-filter']")).ToHaveCountAsync(1);
        await filter.ClickAsync();
        await filter.PressSequentiallyAsync(typed);
        var shown = page.Locator("#CountryIso3 option:not([value='']):not([hidden])");
        await Assertions.Expect(shown).ToHaveCountAsync(1);
        await Assertions.Expect(shown).ToHaveTextAsync(name);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, $"country-picker-{culture}-{(typed.All(char.IsAscii) ? typed : "typed")}.png") });
        await filter.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#CountryIso3")).ToHaveValueAsync("ETH");
        // The choice made, the whole list is back (one line) and the field is empty for another search.
        await Assertions.Expect(filter).ToHaveValueAsync("");
        await Assertions.Expect(page.Locator("#CountryIso3 option[hidden]")).ToHaveCountAsync(0);

        await page.Locator("form[action='/admin/invitations/new'] button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/admin/invitations");
        var invitation = await fixture.App.WithDbAsync(db => db.Invitations.Where(i => i.Email == email).Select(i => new { i.Role, i.CountryIso3 }).SingleAsync());
        Assert.Equal(("FocalPoint", "ETH"), (invitation.Role, invitation.CountryIso3));
    }

    [Fact]
    public async Task A_match_clicked_in_the_opened_list_filters_the_library()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/best-practices?culture=ru&ui-culture=ru");
        var filter = page.Locator("#country-filter");
        await filter.ClickAsync();
        await filter.PressSequentiallyAsync("кени");
        var kenya = page.Locator("#country option:not([hidden])", new() { HasTextString = "Кения" });
        await Assertions.Expect(kenya).ToHaveCountAsync(1);
        // A real mouse click on the option where the opened list shows it.
        var box = await kenya.BoundingBoxAsync();
        Assert.NotNull(box);
        await page.Mouse.ClickAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await Assertions.Expect(page.Locator("#country")).ToHaveValueAsync("KEN");
        await page.Locator("form[role=search] button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("[?&]country=KEN(&|$)"));
        await Assertions.Expect(page.Locator("#country")).ToHaveValueAsync("KEN");
    }

    [Fact]
    public async Task The_practice_form_adds_each_country_picked_by_typing_to_those_already_chosen()
    {
        var page = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, "contributor@demo.local");
        await page.GotoAsync("/best-practices/new?culture=ru&ui-culture=ru");
        var filter = page.Locator("#Countries-filter");
        foreach (var typed in new[] { "кени", "казах" })
        {
            await filter.FillAsync("");
            await filter.PressSequentiallyAsync(typed);
            await filter.PressAsync("Enter");
        }
        var chosen = await page.Locator("#Countries").EvaluateAsync<string[]>("s => [...s.selectedOptions].map(o => o.value)");
        Assert.Equal(["KAZ", "KEN"], chosen.Order());
        // The chosen stay chosen (and are sent) while the filter hides them.
        await Assertions.Expect(page.Locator("#Countries option[value=KEN]")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Without_javascript_the_picker_is_the_plain_select_and_still_posts_the_code()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseUrl, JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await fixture.SignInAsync(page, "admin@demo.local");
        await page.GotoAsync("/admin/invitations/new?culture=ru&ui-culture=ru");
        await Assertions.Expect(page.Locator(".select-filter")).ToHaveCountAsync(0);
        var email = $"plain.{Guid.NewGuid():N}@example.org";
        await page.Locator("#Email").FillAsync(email);
        await page.Locator("#role-FocalPoint").CheckAsync();
        await page.Locator("#CountryIso3").SelectOptionAsync(new SelectOptionValue { Label = "Казахстан" });
        await page.Locator("form[action='/admin/invitations/new'] button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/admin/invitations");
        Assert.Equal("KAZ", await fixture.App.WithDbAsync(db => db.Invitations.Where(i => i.Email == email).Select(i => i.CountryIso3).SingleAsync()));
        await context.CloseAsync();
    }
}
