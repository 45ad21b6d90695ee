using System.Net;

namespace CopAssessment.Web.Tests.Admin;

[Collection(AppCollection.Name)]
public partial class AdministrationMenuTests(CopAppFactory app)
{
    // Attributes in any order: the anchor tag helper writes href after the others.
    [GeneratedRegex("""<a class="nav-link dropdown-toggle"[^>]*\shref="([^"]*)"[^>]*>Administration</a>""")]
    private static partial Regex Toggle();

    [Fact]
    public async Task The_administration_toggle_leads_to_a_page_that_lists_every_administration_page()
    {
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var dashboard = await admin.GetStringAsync("/");
        var href = Toggle().Match(dashboard).Groups[1].Value;
        Assert.Equal("/admin", href);

        var landing = await admin.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        var page = await landing.Content.ReadAsStringAsync();
        foreach (var link in new[] { "/admin/users", "/admin/invitations", "/admin/countries", "/admin/questionnaires", "/admin/cycles", "/admin/mail", "/admin/jobs", "/admin/audit" })
        {
            Assert.Contains($"<a href=\"{link}\">", page);
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(link)).StatusCode);
        }
    }

    [Fact]
    public async Task Other_roles_do_not_get_the_administration_landing_page()
    {
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        var response = await reviewer.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery);
        Assert.DoesNotContain(">Administration</a>", await reviewer.GetStringAsync("/"));
    }
}
