using System.Net;

namespace CopAssessment.Web.Tests.Admin;

[Collection(AppCollection.Name)]
public class UserAdministrationTests(CopAppFactory app)
{
    private async Task<string> CreateUserAsync(string email, string role, string? country = null)
    {
        string id = "";
        await app.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = email, Email = email, DisplayName = email, CountryIso3 = country };
            Assert.True((await users.CreateAsync(user, "Some-Password-123")).Succeeded);
            await users.AddToRoleAsync(user, role);
            id = user.Id;
        });
        return id;
    }

    [Fact]
    public async Task Administrator_moves_a_focal_point_to_another_country()
    {
        var id = await CreateUserAsync("mover@test.local", Roles.FocalPoint, "SEN");
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var response = await admin.PostFormAsync($"/admin/users/{id}", $"/admin/users/{id}", new Dictionary<string, string>
        {
            ["Role"] = Roles.FocalPoint, ["CountryIso3"] = "MLI",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var mover = await app.SignedInClientAsync("mover@test.local", "Some-Password-123");
        Assert.Equal(HttpStatusCode.OK, (await mover.GetAsync("/countries/MLI")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mover.GetAsync("/countries/SEN")).StatusCode);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(a => a.Action == "user-changed" && a.Subject == "mover@test.local")));
    }

    [Fact]
    public async Task Locked_user_cannot_sign_in_until_unlocked()
    {
        var id = await CreateUserAsync("locked@test.local", Roles.Reviewer);
        var admin = await app.SignedInClientAsync("admin@demo.local");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/admin/users", $"/admin/users/{id}/lock", new Dictionary<string, string>())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowserClient().SignInAsync("locked@test.local", "Some-Password-123")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/admin/users", $"/admin/users/{id}/unlock", new Dictionary<string, string>())).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowserClient().SignInAsync("locked@test.local", "Some-Password-123")).StatusCode);
    }

    [Fact]
    public async Task Data_protection_keys_live_in_the_database_so_instances_share_sign_ins()
    {
        await app.SignedInClientAsync("reviewer@demo.local");
        Assert.True(await app.WithDbAsync(db => db.DataProtectionKeys.AnyAsync()));
    }
}
