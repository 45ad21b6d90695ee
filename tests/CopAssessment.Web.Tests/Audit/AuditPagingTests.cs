using System.Net;
using CopAssessment.Web.Features.AuditTrail;

namespace CopAssessment.Web.Tests.Audit;

[Collection(AppCollection.Name)]
public partial class AuditPagingTests(CopAppFactory app)
{
    [GeneratedRegex("""<a class="btn btn-sm btn-outline-secondary" rel="next" href="([^"]+)">Older</a>""")]
    private static partial Regex OlderLink();

    [GeneratedRegex("""<a class="btn btn-sm btn-outline-secondary" rel="prev" href="([^"]+)">Newer</a>""")]
    private static partial Regex NewerLink();

    [GeneratedRegex("""<td dir="auto">audit-paging (\d+)</td>""")]
    private static partial Regex Subject();

    [Fact]
    public async Task The_audit_list_pages_by_keyset_keeps_its_filter_and_stays_small()
    {
        // 250 events of one action, in pairs recorded at the same instant (the id breaks the tie), each with a
        // long detail such as an autosaved answer leaves.
        var action = "test-paging-" + Guid.NewGuid().ToString("N")[..6];
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await app.WithDbAsync(async db =>
        {
            db.AuditEvents.AddRange(Enumerable.Range(0, 250).Select(i => new AuditEvent
            {
                Action = action, At = start.AddMinutes(i / 2), Subject = $"audit-paging {i:D3}", Details = new string('x', 10_000), CountryIso3 = "KEN",
            }));
            return await db.SaveChangesAsync();
        });
        var admin = await app.SignedInClientAsync("admin@demo.local");

        var first = await admin.GetAsync($"/admin/audit?action={action}&country=KEN");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var html = await first.Content.ReadAsStringAsync();
        // 100 rows of 10,000-character details would be a megabyte; the list shows the start of each.
        Assert.True(html.Length < 150_000, $"{html.Length} characters");
        var seen = Subjects(html);
        Assert.Equal(AuditController.PageSize, seen.Count);
        Assert.Equal("249", seen[0]);
        Assert.DoesNotContain("rel=\"prev\"", html);

        var older = WebUtility.HtmlDecode(OlderLink().Match(html).Groups[1].Value);
        Assert.Contains($"action={action}", older);
        Assert.Contains("country=KEN", older);
        html = await admin.GetStringAsync(older);
        var second = Subjects(html);
        Assert.Equal(AuditController.PageSize, second.Count);
        Assert.Equal("149", second[0]);

        html = await admin.GetStringAsync(WebUtility.HtmlDecode(OlderLink().Match(html).Groups[1].Value));
        var third = Subjects(html);
        Assert.Equal(50, third.Count);
        Assert.Equal("000", third[^1]);
        Assert.DoesNotMatch(OlderLink(), html);
        // Every event exactly once, newest first.
        Assert.Equal(Enumerable.Range(0, 250).Reverse().Select(i => i.ToString("D3")), seen.Concat(second).Concat(third));

        // And back: the page before the last one is the second one again.
        html = await admin.GetStringAsync(WebUtility.HtmlDecode(NewerLink().Match(html).Groups[1].Value));
        Assert.Equal(second, Subjects(html));
    }

    [Fact]
    public async Task A_malformed_cursor_shows_the_first_page()
    {
        var admin = await app.SignedInClientAsync("admin@demo.local");
        foreach (var cursor in new[] { "x", "1-2-3", "99999999999999999999-1", "-5" })
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/admin/audit?before={cursor}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/admin/audit?after={cursor}")).StatusCode);
        }
    }

    private static List<string> Subjects(string html) => [.. Subject().Matches(html).Select(m => m.Groups[1].Value)];
}
