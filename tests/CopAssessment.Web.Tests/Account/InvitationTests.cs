using System.Net;

namespace CopAssessment.Web.Tests.Account;

[Collection(AppCollection.Name)]
public class InvitationTests(CopAppFactory app)
{
    private async Task<string> InviteAsync(string email, string role, string? country = null, string? region = null, string? organisation = null)
    {
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var fields = new Dictionary<string, string> { ["Email"] = email, ["Role"] = role };
        if (country is not null) fields["CountryIso3"] = country;
        if (region is not null) fields["RegionCode"] = region;
        if (organisation is not null) fields["Organisation"] = organisation;
        var response = await admin.PostFormAsync("/admin/invitations/new", "/admin/invitations/new", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var body = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.To == email).OrderByDescending(m => m.Id).Select(m => m.Body).FirstAsync());
        var link = body.Split('\n').Single(l => l.Contains("/account/accept-invitation")).Trim();
        return new Uri(link).PathAndQuery;
    }

    [Fact]
    public async Task Invited_focal_point_sets_a_password_and_is_bound_to_the_country()
    {
        var path = await InviteAsync("new.focal.nga@test.local", Roles.FocalPoint, country: "NGA");
        var token = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + path).Query)["token"]!;

        var visitor = app.CreateBrowserClient();
        var form = await visitor.GetStringAsync(path);
        Assert.Contains("new.focal.nga@test.local", form);
        var accepted = await visitor.PostFormAsync(path, "/account/accept-invitation", new Dictionary<string, string>
        {
            ["Token"] = token, ["DisplayName"] = "Ngozi Focal", ["Password"] = "Strong-Password-2026", ["ConfirmPassword"] = "Strong-Password-2026",
        });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Contains("Ngozi Focal", await visitor.GetStringAsync("/"));
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/countries/NGA")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/countries/GHA")).StatusCode);

        await app.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<ApplicationUser>>();
            var user = await users.FindByEmailAsync("new.focal.nga@test.local");
            Assert.NotNull(user);
            Assert.Equal("NGA", user.CountryIso3);
            Assert.True(await users.IsInRoleAsync(user, Roles.FocalPoint));
        });

        // The link works once.
        Assert.Contains("Invitation not valid", await app.CreateBrowserClient().GetStringAsync(path));
    }

    [Fact]
    public async Task Expired_invitation_is_refused()
    {
        var path = await InviteAsync("late.reviewer@test.local", Roles.Reviewer);
        await app.WithDbAsync(db => db.Invitations.Where(i => i.Email == "late.reviewer@test.local")
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        Assert.Contains("Invitation not valid", await app.CreateBrowserClient().GetStringAsync(path));
    }

    [Fact]
    public async Task Focal_point_invitation_without_country_is_refused_with_a_message()
    {
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var response = await admin.PostFormAsync("/admin/invitations/new", "/admin/invitations/new",
            new Dictionary<string, string> { ["Email"] = "nocountry@test.local", ["Role"] = Roles.FocalPoint });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("A focal point needs a country.", await response.Content.ReadAsStringAsync());
        Assert.False(await app.WithDbAsync(db => db.Invitations.AnyAsync(i => i.Email == "nocountry@test.local")));
    }
}
