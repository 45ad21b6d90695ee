using System.Net;
using System.Text.RegularExpressions;
using CopAssessment.Web.Data.Assessments;

namespace CopAssessment.Web.Tests.Countries;

/// <summary>Country names in the reader's language (CLDR, seeded), sorted as that language sorts, correctable with history.</summary>
[Collection(AppCollection.Name)]
public partial class CountryNameTests(CopAppFactory app)
{
    [GeneratedRegex("""<a href="/countries/(\w{3})">([^<]+)</a>""")]
    private static partial Regex CountryLink();

    [Fact]
    public async Task Every_member_state_has_a_seeded_name_in_each_other_language()
    {
        // Other tests add countries of their own; every Member State of the ITU list has a name in each language.
        var members = Seeder.ReadMemberStates(Path.Combine(RepositoryPaths.Root, "samples", "itu-member-states.csv")).Select(m => m.Iso3).ToList();
        Assert.Equal(193, members.Count);
        var counts = await app.WithDbAsync(db => db.CountryNames.Where(n => members.Contains(n.CountryIso3)).GroupBy(n => n.Language)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        Assert.Equal(PlaceNames.Languages.Order(), counts.Select(c => c.Key).Order());
        Assert.All(counts, c => Assert.Equal(members.Count, c.Count));
        Assert.Equal("肯尼亚", await app.WithDbAsync(db => db.CountryNames.Where(n => n.CountryIso3 == "KEN" && n.Language == "zh-Hans").Select(n => n.Name).SingleAsync()));
    }

    [Fact]
    public async Task The_country_list_shows_names_in_the_readers_language_in_that_languages_order()
    {
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        var html = await (await reviewer.GetAsync("/countries?culture=fr&ui-culture=fr")).Content.ReadAsStringAsync();
        var rows = CountryLink().Matches(html).Select(m => (Iso3: m.Groups[1].Value, Name: WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();
        Assert.Contains(("DEU", "Allemagne"), rows);
        // French collation puts Bénin before Botswana; an ordinal sort would put the accented É/é after o.
        var names = rows.Select(r => r.Name).ToList();
        Assert.True(names.IndexOf("Bénin") < names.IndexOf("Botswana"));
        var arabic = await (await reviewer.GetAsync("/countries?culture=ar&ui-culture=ar")).Content.ReadAsStringAsync();
        Assert.Contains("كينيا", arabic);
    }

    [Fact]
    public async Task An_administrator_corrects_a_translated_name_and_the_change_is_kept_in_history()
    {
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var (name, region, version) = await app.WithDbAsync(db => db.Countries.Where(c => c.Iso3 == "TUR").Select(c => new { c.Name, c.RegionCode, c.Version })
            .SingleAsync().ContinueWith(t => (t.Result.Name, t.Result.RegionCode, t.Result.Version)));
        var before = await app.WithDbAsync(db => db.CountryNames.Where(n => n.CountryIso3 == "TUR" && n.Language == "fr").Select(n => n.Name).SingleAsync());
        var fields = new Dictionary<string, string>
        {
            ["Name"] = name, ["RegionCode"] = region, ["Version"] = version.ToString(),
            ["Names[fr]"] = "Türkiye", ["Names[ar]"] = "", ["Names[es]"] = "Türkiye", ["Names[ru]"] = "Турция", ["Names[zh-Hans]"] = "土耳其",
        };
        var saved = await admin.PostFormAsync("/admin/countries/TUR", "/admin/countries/TUR", fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var names = await app.WithDbAsync(db => db.CountryNames.Where(n => n.CountryIso3 == "TUR").ToDictionaryAsync(n => n.Language, n => n.Name));
        Assert.Equal("Türkiye", names["fr"]);
        Assert.False(names.ContainsKey("ar")); // emptied: the English name is shown
        var history = await app.WithDbAsync(db => db.CountryChanges.Where(c => c.CountryIso3 == "TUR" && c.Field == "Name:fr").SingleAsync());
        Assert.Equal(before, history.OldValue);
        Assert.Equal("Türkiye", history.NewValue);
        var page = await (await admin.GetAsync("/countries?culture=fr&ui-culture=fr")).Content.ReadAsStringAsync();
        Assert.Contains(">Türkiye<", page);

        // The form loaded before that save is refused: nothing of it is stored.
        fields["Names[fr]"] = "Turquie (ancien formulaire)";
        var stale = await admin.PostFormAsync("/admin/countries/TUR", "/admin/countries/TUR", fields);
        Assert.Contains("Someone else changed this country", WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync()));
        Assert.Equal("Türkiye", await app.WithDbAsync(db => db.CountryNames.Where(n => n.CountryIso3 == "TUR" && n.Language == "fr").Select(n => n.Name).SingleAsync()));
    }

    [Fact]
    public async Task A_form_without_the_name_fields_leaves_the_translated_names_alone()
    {
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var country = await app.WithDbAsync(db => db.Countries.SingleAsync(c => c.Iso3 == "NOR"));
        var response = await admin.PostFormAsync("/admin/countries/NOR", "/admin/countries/NOR", new Dictionary<string, string>
        {
            ["Name"] = country.Name, ["RegionCode"] = country.RegionCode, ["Version"] = country.Version.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(PlaceNames.Languages.Count, await app.WithDbAsync(db => db.CountryNames.CountAsync(n => n.CountryIso3 == "NOR")));
    }

    [Fact]
    public async Task An_over_long_translated_name_is_refused_and_nothing_changes()
    {
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var country = await app.WithDbAsync(db => db.Countries.SingleAsync(c => c.Iso3 == "PER"));
        var response = await admin.PostFormAsync("/admin/countries/PER", "/admin/countries/PER", new Dictionary<string, string>
        {
            ["Name"] = country.Name, ["RegionCode"] = country.RegionCode, ["Version"] = country.Version.ToString(),
            ["Names[es]"] = new string('p', TextLimits.PlaceName + 1),
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Perú", await app.WithDbAsync(db => db.CountryNames.Where(n => n.CountryIso3 == "PER" && n.Language == "es").Select(n => n.Name).SingleAsync()));
    }

    [Fact]
    public async Task A_scorecard_is_titled_with_the_countrys_name_in_the_reports_language()
    {
        var cycle = await Reports.CycleSeed.CreateAsync(app, PublicationPolicy.Named, iso3 => iso3 is "DEU" or "KEN" or "GHA");
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        var french = await (await reviewer.GetAsync($"/reports/cycles/{cycle}/countries/DEU?culture=fr&ui-culture=fr")).Content.ReadAsStringAsync();
        Assert.Contains("Allemagne", french);
        var arabic = await (await reviewer.GetAsync($"/reports/cycles/{cycle}/countries/DEU?culture=ar&ui-culture=ar")).Content.ReadAsStringAsync();
        Assert.Contains("ألمانيا", arabic);
    }
}
