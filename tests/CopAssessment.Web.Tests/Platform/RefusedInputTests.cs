using System.Net;

namespace CopAssessment.Web.Tests.Platform;

/// <summary>
/// Input that a form's validator refuses: the form comes back with 422 and the translated message beside the
/// field, and nothing is stored. One case per validated input (empty where required, longer than its limit).
/// </summary>
[Collection(AppCollection.Name)]
public class RefusedInputTests(CopAppFactory app)
{
    private static string Long(int length) => new('x', length);

    private static async Task<string> RefusedAsync(HttpResponseMessage response, string message)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        // As Razor encodes it: markup characters only (letters such as é are written as they are).
        Assert.Contains(message.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&#x27;"), html);
        return html;
    }

    private static string French(string url) => url + (url.Contains('?') ? "&" : "?") + "culture=fr";

    [Theory]
    [InlineData("", "Saisissez votre adresse électronique.")]
    [InlineData("long", "Utilisez au plus 256 caractères.")]
    public async Task Sign_in_refuses_an_empty_or_over_long_address(string email, string message)
    {
        var address = email == "long" ? Long(250) + "@test.local" : email;
        var before = await app.WithDbAsync(db => db.AuditEvents.CountAsync());
        var response = await app.CreateBrowserClient().PostFormAsync(French("/account/login"), French("/account/login"),
            new Dictionary<string, string> { ["Email"] = address, ["Password"] = "whatever" });
        await RefusedAsync(response, message);
        Assert.Equal(before, await app.WithDbAsync(db => db.AuditEvents.CountAsync()));
    }

    [Fact]
    public async Task Sign_in_refuses_an_over_long_password()
    {
        var response = await app.CreateBrowserClient().PostFormAsync("/account/login", "/account/login",
            new Dictionary<string, string> { ["Email"] = "admin@demo.local", ["Password"] = Long(257) });
        await RefusedAsync(response, "Use at most 256 characters.");
    }

    [Theory]
    [InlineData("", "Enter your e-mail address.")]
    [InlineData("long", "Use at most 256 characters.")]
    public async Task Password_reset_request_refuses_an_empty_or_over_long_address(string email, string message)
    {
        var address = email == "long" ? "admin@demo.local" + Long(250) : email;
        var before = await app.WithDbAsync(db => db.OutboxMessages.CountAsync());
        var response = await app.CreateBrowserClient().PostFormAsync("/account/forgot-password", "/account/forgot-password",
            new Dictionary<string, string> { ["Email"] = address });
        await RefusedAsync(response, message);
        Assert.Equal(before, await app.WithDbAsync(db => db.OutboxMessages.CountAsync()));
    }

    [Theory]
    [InlineData("", "Enter a new password.")]
    [InlineData("long", "Use at most 256 characters.")]
    public async Task Password_reset_refuses_an_empty_or_over_long_password(string password, string message)
    {
        var email = $"reset.{Guid.NewGuid():N}@test.local";
        string hash = "", token = "";
        await app.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = email, Email = email, DisplayName = email };
            Assert.True((await users.CreateAsync(user, "Some-Password-123")).Succeeded);
            token = await users.GeneratePasswordResetTokenAsync(user);
            hash = user.PasswordHash!;
        });
        var value = password == "long" ? "Aa1" + Long(254) : password;
        var path = Infrastructure.Links.ResetPassword(email, token);
        var response = await app.CreateBrowserClient().PostFormAsync(path, "/account/reset-password", new Dictionary<string, string>
        {
            ["Email"] = email, ["Token"] = token, ["Password"] = value, ["ConfirmPassword"] = value,
        });
        await RefusedAsync(response, message);
        Assert.Equal(hash, await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.PasswordHash).SingleAsync()));
    }

    [Fact]
    public async Task Invitation_acceptance_refuses_an_over_long_name()
    {
        var email = $"invited.{Guid.NewGuid():N}@test.local";
        var admin = await app.SignedInClientAsync("admin@demo.local");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/admin/invitations/new", "/admin/invitations/new",
            new Dictionary<string, string> { ["Email"] = email, ["Role"] = Roles.Contributor, ["Organisation"] = "Refusals" })).StatusCode);
        var body = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.To == email).Select(m => m.Body).SingleAsync());
        var path = new Uri(body.Split('\n').Single(l => l.Contains("/account/accept-invitation")).Trim()).PathAndQuery;
        var token = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + path).Query)["token"]!;

        var response = await app.CreateBrowserClient().PostFormAsync(path, "/account/accept-invitation", new Dictionary<string, string>
        {
            ["Token"] = token, ["DisplayName"] = Long(TextLimits.PersonName + 1), ["Password"] = "Strong-Password-2026", ["ConfirmPassword"] = "Strong-Password-2026",
        });
        await RefusedAsync(response, "Use at most 200 characters.");
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
        Assert.Null(await app.WithDbAsync(db => db.Invitations.Where(i => i.Email == email).Select(i => i.AcceptedAt).SingleAsync()));
    }

    [Theory]
    [InlineData("", "Enter an e-mail address.")]
    [InlineData("long", "Use at most 256 characters.")]
    public async Task An_invitation_refuses_an_empty_or_over_long_address(string email, string message)
    {
        var address = email == "long" ? Long(250) + "@test.local" : email;
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var before = await app.WithDbAsync(db => db.Invitations.CountAsync());
        var response = await admin.PostFormAsync("/admin/invitations/new", "/admin/invitations/new",
            new Dictionary<string, string> { ["Email"] = address, ["Role"] = Roles.Contributor, ["Organisation"] = "Refusals" });
        await RefusedAsync(response, message);
        Assert.Equal(before, await app.WithDbAsync(db => db.Invitations.CountAsync()));
    }

    [Fact]
    public async Task A_user_edit_refuses_an_over_long_organisation()
    {
        var email = $"contributor.{Guid.NewGuid():N}@test.local";
        string id = "";
        await app.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = email, Email = email, DisplayName = email, Organisation = "Before" };
            Assert.True((await users.CreateAsync(user, "Some-Password-123")).Succeeded);
            await users.AddToRoleAsync(user, Roles.Contributor);
            id = user.Id;
        });
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var response = await admin.PostFormAsync($"/admin/users/{id}", $"/admin/users/{id}",
            new Dictionary<string, string> { ["Role"] = Roles.Contributor, ["Organisation"] = Long(TextLimits.Organisation + 1) });
        await RefusedAsync(response, "Use at most 200 characters.");
        Assert.Equal("Before", await app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.Organisation).SingleAsync()));
    }

    [Theory]
    [InlineData(" ", "A region name needs 1 to 100 characters.")]
    [InlineData("long", "Use at most 100 characters.")]
    public async Task A_region_rename_refuses_an_empty_or_over_long_name_beside_its_field(string name, string message)
    {
        var value = name == "long" ? Long(TextLimits.PlaceName + 1) : name;
        var before = await app.WithDbAsync(db => db.Regions.Where(r => r.Code == "CIS").Select(r => r.Name).SingleAsync());
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var response = await admin.PostFormAsync("/admin/countries", "/admin/regions/CIS", new Dictionary<string, string> { ["name"] = value });
        var html = await RefusedAsync(response, message);
        Assert.Contains($"<div id=\"region-CIS-error\" class=\"text-danger small\">{message}</div>", html);
        Assert.Contains("aria-describedby=\"region-CIS-error\"", html);
        Assert.Equal(before, await app.WithDbAsync(db => db.Regions.Where(r => r.Code == "CIS").Select(r => r.Name).SingleAsync()));
    }

    [Theory]
    [InlineData(" ", "Enter the country's name.")]
    [InlineData("long", "Use at most 100 characters.")]
    public async Task A_country_edit_refuses_an_empty_or_over_long_name(string name, string message)
    {
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var page = await admin.GetStringAsync("/admin/countries/URY");
        var version = System.Text.RegularExpressions.Regex.Match(page, "name=\"Version\" value=\"(\\d+)\"").Groups[1].Value;
        var response = await admin.PostFormAsync("/admin/countries/URY", "/admin/countries/URY", new Dictionary<string, string>
        {
            ["Name"] = name == "long" ? Long(TextLimits.PlaceName + 1) : name, ["RegionCode"] = "AMS", ["Version"] = version,
        });
        await RefusedAsync(response, message);
        Assert.Equal("Uruguay", await app.WithDbAsync(db => db.Countries.Where(c => c.Iso3 == "URY").Select(c => c.Name).SingleAsync()));
    }

    [Theory]
    [InlineData("", "Enter a name.")]
    [InlineData("long", "Use at most 200 characters.")]
    public async Task A_new_cycle_refuses_an_empty_or_over_long_name(string name, string message)
    {
        var before = await app.WithDbAsync(db => db.Set<AssessmentCycle>().CountAsync());
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var response = await admin.PostFormAsync("/admin/cycles/new", "/admin/cycles/new", new Dictionary<string, string>
        {
            ["Name"] = name == "long" ? Long(TextLimits.CycleName + 1) : name, ["OpensOn"] = "2026-01-01", ["Deadline"] = "2026-03-01",
        });
        await RefusedAsync(response, message);
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<AssessmentCycle>().CountAsync()));
    }

    [Theory]
    [InlineData("policy", "", "Choose a publication policy.")]
    [InlineData("policy", "Public", "Choose a publication policy.")]
    [InlineData("deadline", "", "Enter the deadline.")]
    public async Task A_cycle_change_refuses_a_missing_value_beside_its_field(string field, string value, string message)
    {
        var cycle = await app.WithDbAsync(async db =>
        {
            var version = await db.QuestionnaireVersions.OrderBy(v => v.Id).Select(v => v.Id).FirstAsync();
            var c = new AssessmentCycle
            {
                Name = "Refusals " + Guid.NewGuid().ToString("N")[..8], QuestionnaireVersionId = version, PublicationPolicy = PublicationPolicy.Named,
                Status = Domain.Workflow.CycleStatus.Planned, OpensOn = new DateOnly(2027, 1, 1), Deadline = new DateTimeOffset(2027, 3, 31, 23, 59, 59, TimeSpan.Zero),
            };
            db.Add(c);
            await db.SaveChangesAsync();
            return c;
        });
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var response = await admin.PostFormAsync("/admin/cycles", $"/admin/cycles/{cycle.Id}/{field}", new Dictionary<string, string> { [field] = value });
        var html = await RefusedAsync(response, message);
        Assert.Contains($"<div id=\"{field}-{cycle.Id}-error\" class=\"text-danger small\">{message}</div>", html);
        var stored = await app.WithDbAsync(db => db.Set<AssessmentCycle>().Where(c => c.Id == cycle.Id).Select(c => new { c.PublicationPolicy, c.Deadline }).SingleAsync());
        Assert.Equal((PublicationPolicy.Named, cycle.Deadline), (stored.PublicationPolicy, stored.Deadline));
    }

    [Fact]
    public async Task A_questionnaire_import_without_a_file_or_json_is_refused()
    {
        var before = await app.WithDbAsync(db => db.QuestionnaireVersions.CountAsync());
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var page = await admin.GetStringAsync("/admin/questionnaires");
        using var form = new MultipartFormDataContent { { new StringContent(HttpClientExtensions.AntiforgeryToken(page)), "__RequestVerificationToken" }, { new StringContent(" "), "json" } };
        await RefusedAsync(await admin.PostAsync("/admin/questionnaires/import", form), "Choose a definition file or paste its JSON.");
        Assert.Equal(before, await app.WithDbAsync(db => db.QuestionnaireVersions.CountAsync()));
    }
}
