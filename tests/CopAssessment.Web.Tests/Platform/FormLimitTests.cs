using System.Net;

namespace CopAssessment.Web.Tests.Platform;

/// <summary>Every free-text field of a POST form says its limit (the same constant the validator and the column use).</summary>
[Collection(AppCollection.Name)]
public partial class FormLimitTests(CopAppFactory app)
{
    [GeneratedRegex("""<(?:input|textarea)\b[^>]*>""")]
    private static partial Regex Field();

    public static TheoryData<string, string, string> Forms => new()
    {
        { "admin@demo.local", "/admin/cycles/new", "Name" },
        { "admin@demo.local", "/admin/invitations/new", "Email" },
        { "admin@demo.local", "/admin/invitations/new", "Organisation" },
        { "admin@demo.local", "/admin/countries/KEN", "Name" },
        { "admin@demo.local", "/admin/countries", "name" },
        { "admin@demo.local", "/admin/questionnaires", "json" },
        { "", "/account/login", "Email" },
        { "", "/account/forgot-password", "Email" },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task A_free_text_field_shows_its_limit(string user, string url, string name)
    {
        var client = user == "" ? app.CreateBrowserClient() : await app.SignedInClientAsync(user);
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fields = Field().Matches(await response.Content.ReadAsStringAsync()).Select(m => m.Value).Where(f => f.Contains($"name=\"{name}\"")).ToList();
        Assert.NotEmpty(fields);
        Assert.All(fields, f => Assert.Matches("maxlength=\"\\d+\"", f));
    }

    [Fact]
    public async Task An_over_long_cycle_name_is_refused_beside_the_field()
    {
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var name = new string('n', TextLimits.CycleName + 1);
        var response = await admin.PostFormAsync("/admin/cycles/new", "/admin/cycles/new", new Dictionary<string, string>
        {
            ["Name"] = name, ["OpensOn"] = "2026-01-01", ["Deadline"] = "2026-03-01",
        });
        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True((int)response.StatusCode < 500);
        Assert.Contains("Use at most 200 characters.", await response.Content.ReadAsStringAsync());
        Assert.False(await app.WithDbAsync(db => db.Set<Data.Assessments.AssessmentCycle>().AnyAsync(c => c.Name == name)));
    }
}
