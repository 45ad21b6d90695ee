using System.Text;
using System.Text.Json;
using CopAssessment.Web.Features.Cycles;
using CopAssessment.Web.Features.Questionnaires;
using Microsoft.Playwright;

namespace CopAssessment.Browser.Tests.Accessibility;

/// <summary>
/// axe-core (the npm package under this project's node_modules, installed by scripts/test.sh with
/// <c>npm ci</c>) runs over the main pages in every language of the product, as each role that uses them, and
/// any WCAG 2.1 A/AA violation fails the test with a readable list. The same pages are checked at a phone's
/// width for content wider than the screen.
/// </summary>
[Collection(BrowserCollection.Name)]
public class AxeTests(BrowserFixture fixture)
{
    private static readonly string AxeScript = RepositoryPaths.File("tests", "CopAssessment.Browser.Tests", "node_modules", "axe-core", "axe.min.js");

    public static IEnumerable<object[]> Cultures() => Web.Infrastructure.Localization.LocalizationSetup.Cultures.Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(Cultures))]
    public async Task Focal_point_pages_have_no_wcag_violations(string culture)
    {
        var (draft, inReview) = await KenyaSubmissionsAsync();
        await CheckAsync("focal.ken@demo.local", culture,
            "/", $"/assessments/{draft}", $"/assessments/{draft}/policy", $"/assessments/{inReview}", $"/assessments/{inReview}/policy",
            "/reports", "/best-practices", "/best-practices/new", "/best-practices/mine");
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public async Task Reviewer_pages_have_no_wcag_violations(string culture)
    {
        var (_, inReview) = await KenyaSubmissionsAsync();
        await CheckAsync("reviewer@demo.local", culture, "/", "/review", $"/review/{inReview}", $"/assessments/{inReview}/policy", "/reports", "/best-practices/moderation");
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public async Task Administrator_pages_have_no_wcag_violations(string culture) =>
        await CheckAsync("admin@demo.local", culture, "/", "/admin", "/admin/users", "/admin/invitations/new", "/admin/countries", "/admin/countries/KEN", "/countries", "/admin/audit", "/reports", "/best-practices");

    [Theory]
    [MemberData(nameof(Cultures))]
    public async Task Contributor_pages_have_no_wcag_violations(string culture) =>
        await CheckAsync("contributor@demo.local", culture, "/", "/best-practices/new", "/best-practices/mine", "/best-practices");

    [Theory]
    [MemberData(nameof(Cultures))]
    public async Task Anonymous_pages_have_no_wcag_violations(string culture) =>
        await CheckAsync(null, culture, "/account/login", "/best-practices", "/account/forgot-password", "/results");

    /// <summary>At 390 px (a small phone), in Arabic, no page this role uses is wider than the screen.</summary>
    [Theory]
    [InlineData("focal.ken@demo.local")]
    [InlineData("reviewer@demo.local")]
    [InlineData("admin@demo.local")]
    public async Task Pages_fit_a_390_px_screen(string email)
    {
        var (draft, inReview) = await KenyaSubmissionsAsync();
        string[] paths = email switch
        {
            "focal.ken@demo.local" => ["/", $"/assessments/{draft}", $"/assessments/{draft}/policy", $"/assessments/{draft}/submit", "/countries"],
            "reviewer@demo.local" => ["/review", $"/review/{inReview}", "/countries"],
            _ => ["/admin", "/admin/users", "/admin/cycles", "/admin/countries/KEN"],
        };
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();
        await fixture.SignInAsync(page, email);
        var wide = new List<string>();
        foreach (var path in paths)
        {
            var response = await page.GotoAsync(path + "?culture=ar&ui-culture=ar");
            Assert.True(response?.Ok == true, $"{path} answered {response?.Status}");
            // Tables may scroll inside their own box (.table-responsive); the page itself must not.
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > 390) wide.Add($"{path}: {width} px");
        }
        await context.CloseAsync();
        Assert.True(wide.Count == 0, "wider than a 390 px screen: " + string.Join(", ", wide));
    }

    internal async Task CheckAsync(string? email, string culture, params string[] paths)
    {
        if (!File.Exists(AxeScript))
            throw new InvalidOperationException($"{AxeScript} is missing: run `npm ci --no-audit --no-fund` in tests/CopAssessment.Browser.Tests (scripts/test.sh does).");
        // The app's CSP allows no inline script, and Playwright injects axe as one: only this test's browser context bypasses it.
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseUrl, BypassCSP = true, ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        if (email is not null) await fixture.SignInAsync(page, email);
        var report = new StringBuilder();
        foreach (var path in paths)
        {
            var url = path + (path.Contains('?') ? "&" : "?") + $"culture={culture}&ui-culture={culture}";
            var response = await page.GotoAsync(url);
            Assert.True(response?.Ok == true, $"{url} answered {response?.Status}");
            Assert.Equal(culture, await page.Locator("html").GetAttributeAsync("lang"));
            await page.AddScriptTagAsync(new() { Path = AxeScript });
            var violations = await page.EvaluateAsync<JsonElement>("""
                async () => {
                  const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
                  return result.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.slice(0, 8).map(n => ({ target: n.target.join(' '), summary: n.failureSummary })), count: v.nodes.length }));
                }
                """);
            foreach (var v in violations.EnumerateArray())
            {
                report.AppendLine($"{url} [{email ?? "anonymous"}]: {v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}) {v.GetProperty("help").GetString()} — {v.GetProperty("count").GetInt32()} element(s)");
                foreach (var n in v.GetProperty("nodes").EnumerateArray())
                    report.AppendLine($"    {n.GetProperty("target").GetString()}: {n.GetProperty("summary").GetString()?.Replace("\n", " ")}");
            }
            if (culture == "ar")
                await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, $"axe-{culture}-{(email ?? "anonymous").Split('@')[0]}-{Slug(path)}.png"), FullPage = true });
        }
        await context.CloseAsync();
        Assert.True(report.Length == 0, "WCAG 2.1 A/AA violations:\n" + report);
    }

    private static string Slug(string path) => path == "/" ? "dashboard" : System.Text.RegularExpressions.Regex.Replace(path.Trim('/'), "[0-9]+", "id").Replace('/', '-');

    /// <summary>
    /// Kenya in two fresh cycles: a draft with an answer written in English, an open and a resolved comment
    /// with a reply (the focal point's editable page), and one in review (read-only for the focal point, the
    /// reviewer's page).
    /// </summary>
    private async Task<(int Draft, int InReview)> KenyaSubmissionsAsync()
    {
        var ids = new List<int>();
        await fixture.App.WithScopeAsync(async services =>
        {
            var version = await services.GetRequiredService<QuestionnaireCatalog>().GetLatestVersionAsync();
            var cycles = services.GetRequiredService<CycleService>();
            var db = services.GetRequiredService<CopDbContext>();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            foreach (var status in new[] { SubmissionStatus.Draft, SubmissionStatus.InReview })
            {
                var cycle = await cycles.CreateAsync(new CycleInput { Name = "Axe " + Guid.NewGuid().ToString("N")[..8], QuestionnaireVersionId = version!.Id, OpensOn = today, Deadline = today.AddDays(30) });
                await cycles.ApplyAsync(cycle, CycleAction.Open);
                var submission = await db.Set<Submission>().SingleAsync(s => s.CycleId == cycle.Id && s.CountryIso3 == "KEN");
                var open = new ReviewComment { SubmissionId = submission.Id, QuestionKey = "pg.1.1", Body = "Which decree (No. 12) created the committee?", AuthorEmail = "reviewer@demo.local", AuthorName = "Demo Reviewer", FromSecretariat = true };
                var resolved = new ReviewComment { SubmissionId = submission.Id, QuestionKey = "pg.1.1", Body = "Please attach the 2021 decree.", AuthorEmail = "reviewer@demo.local", AuthorName = "Demo Reviewer", FromSecretariat = true, Resolved = true, ResolvedAt = DateTimeOffset.UtcNow, ResolvedBy = "reviewer@demo.local" };
                db.AddRange(open, resolved);
                await db.SaveChangesAsync();
                db.Add(new ReviewComment { SubmissionId = submission.Id, QuestionKey = "pg.1.1", ParentId = open.Id, Body = "Decree 12 of 2021.", AuthorEmail = "focal.ken@demo.local", AuthorName = "Kenya Focal Point" });
                if (status != SubmissionStatus.Draft)
                {
                    submission.Status = status;
                    submission.SubmittedAt = DateTimeOffset.UtcNow;
                    db.Add(new SubmissionTransition { SubmissionId = submission.Id, From = SubmissionStatus.Draft, To = SubmissionStatus.Submitted, By = "focal.ken@demo.local" });
                    db.Add(new SubmissionTransition { SubmissionId = submission.Id, From = SubmissionStatus.Submitted, To = SubmissionStatus.InReview, By = "reviewer@demo.local" });
                }
                await db.SaveChangesAsync();
                ids.Add(submission.Id);
            }
        });
        return (ids[0], ids[1]);
    }
}
