using System.Net;

namespace CopAssessment.Web.Tests.Account;

[Collection(AppCollection.Name)]
public class SignInTests(CopAppFactory app)
{
    [Theory]
    [InlineData("admin@demo.local", "Demo Administrator")]
    [InlineData("reviewer@demo.local", "Demo Reviewer")]
    [InlineData("focal.ken@demo.local", "Kenya Focal Point")]
    [InlineData("focal.fra@demo.local", "France Focal Point")]
    [InlineData("coordinator.afr@demo.local", "Africa Regional Coordinator")]
    [InlineData("contributor@demo.local", "Demo Contributor")]
    public async Task Every_demo_role_signs_in_and_sees_its_dashboard(string email, string name)
    {
        var client = app.CreateBrowserClient();
        var response = await client.SignInAsync(email, CopAppFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);

        var dashboard = await client.GetStringAsync("/");
        Assert.Contains(name, dashboard);
        Assert.Contains("Sign out", dashboard);
    }

    [Fact]
    public async Task Wrong_password_is_refused_with_a_message_and_no_cookie()
    {
        var client = app.CreateBrowserClient();
        var response = await client.SignInAsync("reviewer@demo.local", "not-the-password");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("E-mail or password is not correct.", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin/users")).StatusCode);
    }

    [Fact]
    public async Task Account_is_locked_after_five_failed_attempts_even_with_the_right_password()
    {
        const string email = "lockout.victim@test.local";
        await app.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<ApplicationUser>>();
            var result = await users.CreateAsync(new ApplicationUser { UserName = email, Email = email, DisplayName = "Lockout" }, "Right-Password-123");
            Assert.True(result.Succeeded);
        });
        var client = app.CreateBrowserClient();
        for (var i = 0; i < 5; i++) await client.SignInAsync(email, "Wrong-Password-123");

        var response = await client.SignInAsync(email, "Right-Password-123");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("locked", await response.Content.ReadAsStringAsync());
        var audited = await app.WithDbAsync(db => db.AuditEvents.CountAsync(a => a.UserEmail == email && a.Action == "sign-in-locked-out"));
        Assert.True(audited >= 1);
    }

    [Fact]
    public async Task Post_without_antiforgery_token_is_rejected()
    {
        var client = app.CreateBrowserClient();
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "admin@demo.local", ["Password"] = CopAppFactory.DemoPassword,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Signed_in_post_without_antiforgery_token_changes_nothing()
    {
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var response = await admin.PostAsync("/admin/countries/NOR", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Name"] = "Hacked", ["RegionCode"] = "AFR", ["Version"] = "0",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Norway", await app.WithDbAsync(db => db.Countries.Where(c => c.Iso3 == "NOR").Select(c => c.Name).SingleAsync()));
    }

    [Fact]
    public async Task Password_reset_by_email_link_sets_a_new_password()
    {
        const string email = "forgetful@test.local";
        await app.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<ApplicationUser>>();
            Assert.True((await users.CreateAsync(new ApplicationUser { UserName = email, Email = email, DisplayName = "Forgetful" }, "Old-Password-123")).Succeeded);
        });
        var client = app.CreateBrowserClient();
        var sent = await client.PostFormAsync("/account/forgot-password", "/account/forgot-password", new Dictionary<string, string> { ["Email"] = email });
        Assert.Contains("Check your e-mail", await sent.Content.ReadAsStringAsync());

        var body = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.To == email).OrderByDescending(m => m.Id).Select(m => m.Body).FirstAsync());
        var link = body.Split('\n').Single(l => l.Contains("/account/reset-password")).Trim();
        var path = new Uri(link).PathAndQuery;
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(link).Query);

        var reset = await client.PostFormAsync(path, "/account/reset-password", new Dictionary<string, string>
        {
            ["Email"] = query["email"]!, ["Token"] = query["token"]!, ["Password"] = "New-Password-456", ["ConfirmPassword"] = "New-Password-456",
        });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowserClient().SignInAsync(email, "New-Password-456")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowserClient().SignInAsync(email, "Old-Password-123")).StatusCode);
    }

    [Fact]
    public async Task Unknown_address_gets_the_same_answer_and_no_mail()
    {
        var client = app.CreateBrowserClient();
        var sent = await client.PostFormAsync("/account/forgot-password", "/account/forgot-password", new Dictionary<string, string> { ["Email"] = "nobody@nowhere.test" });
        Assert.Contains("Check your e-mail", await sent.Content.ReadAsStringAsync());
        Assert.False(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.To == "nobody@nowhere.test")));
    }
}
