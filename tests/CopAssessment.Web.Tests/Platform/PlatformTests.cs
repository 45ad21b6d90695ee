using System.Net;
using CopAssessment.Web.Infrastructure.Jobs;

namespace CopAssessment.Web.Tests.Platform;

[Collection(AppCollection.Name)]
public class PlatformTests(CopAppFactory app)
{
    [Fact]
    public async Task Health_endpoints_answer_without_sign_in()
    {
        var client = app.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Outbox_dispatcher_delivers_to_the_pickup_folder_and_marks_sent()
    {
        await app.WithDbAsync(async db =>
        {
            db.OutboxMessages.Add(new Data.OutboxMessage { To = "pickup@test.local", Subject = "Pickup test", Body = "Hello" });
            return await db.SaveChangesAsync();
        });
        // Other tests of the collection queue mail too, and a dispatch sends one batch, oldest first: dispatch until
        // nothing is due (bounded), as the recurring job would over its next runs.
        for (var round = 0; round < 50; round++)
        {
            var sent = 0;
            await app.WithScopeAsync(async services => sent = await services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None));
            if (sent == 0) break;
        }

        var message = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.To == "pickup@test.local"));
        Assert.NotNull(message.SentAt);
        var file = Path.Combine(app.MailPickupDirectory, $"{message.Id:D8}.eml");
        Assert.True(File.Exists(file));
        Assert.Contains("To: pickup@test.local", await File.ReadAllTextAsync(file));

        var admin = await app.SignedInClientAsync("admin@demo.local");
        Assert.Contains("Pickup test", await admin.GetStringAsync("/admin/mail?status=sent"));
    }

    [Fact]
    public async Task Language_choice_is_remembered_for_the_person()
    {
        var client = await app.SignedInClientAsync("focal.gha@demo.local");
        var switched = await client.PostFormAsync("/", "/culture", new Dictionary<string, string> { ["culture"] = "fr", ["returnUrl"] = "/" });
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Contains("Tableau de bord", await client.GetStringAsync("/"));

        // A new browser: the saved preference comes back at sign-in.
        var fresh = await app.SignedInClientAsync("focal.gha@demo.local");
        var page = await fresh.GetStringAsync("/");
        Assert.Contains("lang=\"fr\"", page);
    }

    [Fact]
    public async Task Arabic_pages_are_right_to_left_with_the_rtl_stylesheet()
    {
        var client = app.CreateBrowserClient();
        var page = await client.GetStringAsync("/account/login?culture=ar&ui-culture=ar");
        Assert.Contains("dir=\"rtl\"", page);
        // Under its fingerprinted URL (MapStaticAssets, decision 0021).
        Assert.Matches(@"/lib/bootstrap/css/bootstrap\.rtl\.min\.[a-z0-9]+\.css", page);
        Assert.Contains("تسجيل الدخول", page);
    }

    [Fact]
    public async Task Migrate_command_exists_and_the_schema_is_current()
    {
        var pending = await app.WithDbAsync(async db => (await db.Database.GetPendingMigrationsAsync()).ToList());
        Assert.Empty(pending);
    }
}
