using System.Net;
using System.Security.Claims;
using CopAssessment.Web.Infrastructure.Jobs;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Http;
using static CopAssessment.Web.Tests.Assessments.AssessmentTestKit;

namespace CopAssessment.Web.Tests.Admin;

/// <summary>Hangfire's dashboard at /admin/jobs: administrators only, through the app's policy, with its own CSP and antiforgery.</summary>
[Collection(AppCollection.Name)]
public partial class JobsDashboardTests(CopAppFactory app)
{
    [GeneratedRegex("<meta name=\"csrf-(header|token)\" content=\"([^\"]+)\"")]
    private static partial Regex CsrfMeta();

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_and_other_roles_are_refused()
    {
        foreach (var path in new[] { "/admin/jobs", "/admin/jobs/recurring", "/admin/jobs/stats" })
        {
            var anonymous = await app.CreateBrowserClient().GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.StartsWith("/account/login", anonymous.Headers.Location!.PathAndQuery);
        }
        foreach (var email in new[] { "reviewer@demo.local", "focal.ken@demo.local", "coordinator.afr@demo.local" })
        {
            var other = await app.SignedInClientAsync(email);
            Denied(await other.GetAsync("/admin/jobs"));
            Denied(await other.GetAsync("/admin/jobs/recurring"));
            Denied(await other.PostAsync("/admin/jobs/recurring/trigger", new FormUrlEncodedContent(new Dictionary<string, string> { ["jobs[]"] = OutboxDispatchJob.Id })));
        }
    }

    [Fact]
    public async Task Administrators_see_the_jobs_under_the_dashboards_own_CSP_and_the_rest_keeps_the_strict_one()
    {
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var recurring = await admin.GetAsync("/admin/jobs/recurring");
        Assert.Equal(HttpStatusCode.OK, recurring.StatusCode);
        var page = await recurring.Content.ReadAsStringAsync();
        Assert.Contains(OutboxDispatchJob.Id, page);
        Assert.Contains("report-recovery", page);
        Assert.Contains("COP Assessment", page);
        // Not read-only for an administrator (the buttons are there); no connection string shown.
        Assert.Contains("js-jobs-list-command", page);
        Assert.DoesNotContain("Host=", page);
        Assert.Equal(SecuritySetup.JobsDashboardPolicy, recurring.Headers.GetValues("Content-Security-Policy").Single());
        Assert.DoesNotContain("'unsafe-inline'", SecuritySetup.JobsDashboardPolicy.Split(';').Single(d => d.Trim().StartsWith("script-src")));

        var other = await admin.GetAsync("/admin");
        Assert.Equal(SecuritySetup.Policy, other.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("<a href=\"/admin/jobs\">Background jobs</a>", await other.Content.ReadAsStringAsync());
        Assert.Contains("Tâches en arrière-plan", await admin.GetStringAsync("/admin?culture=fr&ui-culture=fr"));
    }

    [Fact]
    public async Task A_dashboard_action_needs_the_antiforgery_token_of_the_page()
    {
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var page = await admin.GetStringAsync("/admin/jobs/recurring");
        var meta = CsrfMeta().Matches(page).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        var cleanup = new Dictionary<string, string> { ["jobs[]"] = "report-cleanup" };

        var before = EnqueuedCleanups();
        var forged = await admin.PostAsync("/admin/jobs/recurring/trigger", new FormUrlEncodedContent(cleanup));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(before, EnqueuedCleanups());

        var request = new HttpRequestMessage(HttpMethod.Post, "/admin/jobs/recurring/trigger") { Content = new FormUrlEncodedContent(cleanup) };
        request.Headers.Add(meta["header"], meta["token"]);
        var triggered = await admin.SendAsync(request);
        Assert.True(triggered.IsSuccessStatusCode, $"{(int)triggered.StatusCode}");
        Assert.Equal(before + 1, EnqueuedCleanups());
    }

    [Fact]
    public void The_dashboard_is_read_only_for_anyone_but_an_administrator()
    {
        var options = JobsSetup.DashboardOptions();
        bool ReadOnlyFor(string role)
        {
            var http = new DefaultHttpContext
            {
                User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, role)], "test")),
                RequestServices = app.Services,
            };
            return options.IsReadOnlyFunc(new AspNetCoreDashboardContext(app.Services.GetRequiredService<JobStorage>(), options, http));
        }
        Assert.False(ReadOnlyFor(Roles.Administrator));
        Assert.True(ReadOnlyFor(Roles.Reviewer));
        Assert.True(ReadOnlyFor(Roles.RegionalCoordinator));
    }

    private int EnqueuedCleanups() => app.Services.GetRequiredService<JobStorage>().GetMonitoringApi().EnqueuedJobs("default", 0, 100_000)
        .Count(j => j.Value.Job?.Type == typeof(Web.Features.Reports.ReportCleanupJob));
}
