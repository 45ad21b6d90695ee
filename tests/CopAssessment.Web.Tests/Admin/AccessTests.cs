using System.Net;

namespace CopAssessment.Web.Tests.Admin;

[Collection(AppCollection.Name)]
public class AccessTests(CopAppFactory app)
{
    public static readonly string[] AdminRoutes = ["/admin/users", "/admin/invitations", "/admin/invitations/new", "/admin/countries", "/admin/countries/KEN", "/admin/mail"];

    public static TheoryData<string> NonAdmins => new()
    {
        "reviewer@demo.local", "focal.ken@demo.local", "coordinator.afr@demo.local", "contributor@demo.local",
    };

    [Fact]
    public async Task Administrator_opens_every_admin_page()
    {
        var admin = await app.SignedInClientAsync("admin@demo.local");
        foreach (var route in AdminRoutes)
            Assert.True((await admin.GetAsync(route)).StatusCode == HttpStatusCode.OK, route);
    }

    [Theory]
    [MemberData(nameof(NonAdmins))]
    public async Task Other_roles_are_forbidden_on_every_admin_page(string email)
    {
        var client = await app.SignedInClientAsync(email);
        foreach (var route in AdminRoutes)
        {
            var response = await client.GetAsync(route);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery);
        }
        var denied = await client.GetAsync("/account/access-denied");
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var client = app.CreateBrowserClient();
        foreach (var route in AdminRoutes.Append("/countries").Append("/countries/KEN"))
        {
            var response = await client.GetAsync(route);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
        }
    }

    [Fact]
    public async Task Every_response_carries_security_headers()
    {
        var response = await app.CreateBrowserClient().GetAsync("/account/login");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }
}
