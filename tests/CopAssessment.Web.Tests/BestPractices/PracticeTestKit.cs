using System.Net;

namespace CopAssessment.Web.Tests.BestPractices;

/// <summary>Helpers shared by the best-practice tests: a complete form, posting it, creating published rows.</summary>
public static partial class PracticeTestKit
{
    public static List<KeyValuePair<string, string>> Form(string title, string intent = "submit", string country = "KEN",
        string description = "A programme that works.", string? extraText = null)
    {
        var text = extraText ?? "";
        return
        [
            new("Title", title), new("Summary", "Summary " + text), new("Description", description),
            new("Countries", country), new("Organisation", "Ministry of ICT " + text), new("StakeholderGroup", "government"),
            new("Audiences", "children"), new("Audiences", "parents-educators"), new("Capabilities", "so.13.education"),
            new("StartYear", "2021"), new("EndYear", "2024"), new("Results", "Results " + text),
            new("EnablingFactors", "Enablers " + text), new("Scalability", "Scaling " + text),
            new("Links", "https://example.org/report"), new("ContactName", "Contact " + text),
            new("ContactEmail", "person@example.org"), new("Language", "en"), new("Intent", intent),
        ];
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string pageWithToken, string action, List<KeyValuePair<string, string>> fields)
    {
        var page = await client.GetStringAsync(pageWithToken);
        var content = new List<KeyValuePair<string, string>>(fields) { new("__RequestVerificationToken", HttpClientExtensions.AntiforgeryToken(page)) };
        return await client.PostAsync(action, new FormUrlEncodedContent(content));
    }

    [GeneratedRegex(@"^/best-practices/(\d+)/edit$")]
    private static partial Regex EditPath();

    /// <summary>Submits a new practice and returns its id.</summary>
    public static async Task<int> CreateAsync(HttpClient client, List<KeyValuePair<string, string>> fields)
    {
        var response = await PostAsync(client, "/best-practices/new", "/best-practices/new", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var match = EditPath().Match(response.Headers.Location!.OriginalString);
        Assert.True(match.Success, response.Headers.Location!.OriginalString);
        return int.Parse(match.Groups[1].Value);
    }

    public static Task<HttpResponseMessage> DecideAsync(HttpClient reviewer, int id, string decision, string note = "") =>
        PostAsync(reviewer, $"/best-practices/moderation/{id}", $"/best-practices/moderation/{id}/decide",
            [new("decision", decision), new("note", note)]);

    /// <summary>Writes published practices straight to the database (for search and filter tests).</summary>
    public static Task<List<int>> PublishedAsync(CopAppFactory app, params BestPracticeVersion[] versions) => app.WithDbAsync(async db =>
    {
        var practices = versions.Select(v =>
        {
            v.Status = PracticeStatus.Published;
            v.Number = 1;
            v.ReviewedAt = DateTimeOffset.UtcNow;
            return new BestPractice { OwnerId = "seed", OwnerEmail = "seed@example.org", FirstPublishedAt = DateTimeOffset.UtcNow, Versions = [v] };
        }).ToList();
        db.AddRange(practices);
        await db.SaveChangesAsync();
        foreach (var p in practices) p.PublishedVersionId = p.Versions[0].Id;
        await db.SaveChangesAsync();
        return practices.Select(p => p.Id).ToList();
    });

    public static BestPracticeVersion Version(string title, string description = "", string country = "KEN", string group = "government",
        string[]? audiences = null, string language = "en", int start = 2020, int? end = null, string capability = "so.13.education") => new()
    {
        Title = title, Summary = "summary", Description = description, Results = "results", Countries = [country],
        Organisation = "Org", StakeholderGroup = group, Audiences = [.. audiences ?? ["children"]], Capabilities = [capability],
        StartYear = start, EndYear = end, Language = language, ContactName = "x", ContactEmail = "hidden-contact@example.org",
    };

    public static Task<T> Db<T>(CopAppFactory app, Func<Web.Data.CopDbContext, Task<T>> work) => app.WithDbAsync(work);

    public static Task<BestPracticeVersion> LatestAsync(CopAppFactory app, int id) => app.WithDbAsync(db =>
        db.Set<BestPracticeVersion>().AsNoTracking().Where(v => v.PracticeId == id).OrderByDescending(v => v.Number).FirstAsync());

    public static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];
}
