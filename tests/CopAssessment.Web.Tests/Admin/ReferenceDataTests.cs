using System.Net;

namespace CopAssessment.Web.Tests.Admin;

[Collection(AppCollection.Name)]
public class ReferenceDataTests(CopAppFactory app)
{
    [Fact]
    public async Task All_193_member_states_are_seeded_in_six_regions()
    {
        Assert.Equal(193, await app.WithDbAsync(db => db.Countries.CountAsync()));
        Assert.Equal(6, await app.WithDbAsync(db => db.Regions.CountAsync()));
        Assert.Equal("AFR", await app.WithDbAsync(db => db.Countries.Where(c => c.Iso3 == "KEN").Select(c => c.RegionCode).SingleAsync()));
    }

    [Fact]
    public async Task Administrator_renames_a_country_and_moves_it_with_history_kept()
    {
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var page = await admin.GetStringAsync("/admin/countries/MDA");
        var version = System.Text.RegularExpressions.Regex.Match(page, "name=\"Version\" value=\"(\\d+)\"").Groups[1].Value;
        var response = await admin.PostFormAsync("/admin/countries/MDA", "/admin/countries/MDA", new Dictionary<string, string>
        {
            ["Name"] = "Republic of Moldova", ["RegionCode"] = "EUR", ["Version"] = version,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var country = await app.WithDbAsync(db => db.Countries.SingleAsync(c => c.Iso3 == "MDA"));
        Assert.Equal("Republic of Moldova", country.Name);
        Assert.Equal("EUR", country.RegionCode);
        var history = await app.WithDbAsync(db => db.CountryChanges.Where(c => c.CountryIso3 == "MDA").ToListAsync());
        Assert.Contains(history, h => h.Field == "Name" && h.NewValue == "Republic of Moldova" && h.ChangedBy == "admin@demo.local");
        Assert.Contains("Republic of Moldova", await admin.GetStringAsync("/admin/countries/MDA"));
    }

    [Fact]
    public async Task A_stale_edit_is_refused_and_shows_the_current_version()
    {
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var page = await admin.GetStringAsync("/admin/countries/ISL");
        var version = System.Text.RegularExpressions.Regex.Match(page, "name=\"Version\" value=\"(\\d+)\"").Groups[1].Value;
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/admin/countries/ISL", "/admin/countries/ISL",
            new Dictionary<string, string> { ["Name"] = "Iceland (first)", ["RegionCode"] = "EUR", ["Version"] = version })).StatusCode);

        var second = await admin.PostFormAsync("/admin/countries/ISL", "/admin/countries/ISL",
            new Dictionary<string, string> { ["Name"] = "Iceland (second)", ["RegionCode"] = "EUR", ["Version"] = version });
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("Someone else changed this country", await second.Content.ReadAsStringAsync());
        Assert.Equal("Iceland (first)", await app.WithDbAsync(db => db.Countries.Where(c => c.Iso3 == "ISL").Select(c => c.Name).SingleAsync()));
    }

    [Fact]
    public async Task Empty_name_is_refused_with_a_message_next_to_the_field()
    {
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var page = await admin.GetStringAsync("/admin/countries/PER");
        var version = System.Text.RegularExpressions.Regex.Match(page, "name=\"Version\" value=\"(\\d+)\"").Groups[1].Value;
        var response = await admin.PostFormAsync("/admin/countries/PER", "/admin/countries/PER",
            new Dictionary<string, string> { ["Name"] = " ", ["RegionCode"] = "AMS", ["Version"] = version });
        Assert.Contains("Enter the country&#x27;s name.", await response.Content.ReadAsStringAsync());
        Assert.Equal("Peru", await app.WithDbAsync(db => db.Countries.Where(c => c.Iso3 == "PER").Select(c => c.Name).SingleAsync()));
    }
}
