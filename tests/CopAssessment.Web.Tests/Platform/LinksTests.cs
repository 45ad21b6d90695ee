using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;

namespace CopAssessment.Web.Tests.Platform;

/// <summary>
/// The paths mail, the feed, reports and SQL use (<see cref="Links"/>) are the app's routes: each one equals what
/// the running app's <see cref="LinkGenerator"/> builds for the action it names, so moving a route fails here.
/// </summary>
[Collection(AppCollection.Name)]
public class LinksTests(CopAppFactory app)
{
    private string? PathOf(string action, string controller, object? values = null) =>
        app.Services.GetRequiredService<LinkGenerator>().GetPathByAction(action, controller, values);

    private static void SameAddress(string expected, string? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Split('?')[0], actual.Split('?')[0]);
        Assert.Equal(QueryHelpers.ParseQuery(new Uri("http://x" + expected).Query), QueryHelpers.ParseQuery(new Uri("http://x" + actual).Query));
    }

    [Fact]
    public void Every_link_is_the_path_of_its_action()
    {
        Assert.Equal(Links.Assessment(42), PathOf("Overview", "Assessments", new { id = 42 }));
        Assert.Equal(Links.AssessmentPrefix + 42, PathOf("Overview", "Assessments", new { id = 42 }));
        Assert.Equal(Links.Evidence(42, 7), PathOf("Evidence", "Assessments", new { id = 42, evidenceId = 7L }));
        Assert.Equal(Links.Review(42), PathOf("Review", "Review", new { id = 42 }));
        Assert.Equal(Links.Practice(42), PathOf("Details", "Library", new { id = 42 }));
        Assert.Equal(Links.EditPractice(42), PathOf("Edit", "Submit", new { id = 42 }));
        Assert.Equal(Links.Library, PathOf("Index", "Library"));
        Assert.Equal(Links.LibraryFeed, PathOf("Feed", "Library"));
        // Written with the ISO code as it is; the generator lower-cases it (LowercaseUrls), which the route accepts too.
        Assert.Equal(Links.PublicCountry(42, "KEN").ToLowerInvariant(), PathOf("Country", "Results", new { id = 42, iso3 = "KEN" }));
        // Values that need escaping in a query string: an address with +, a token with / + =. The generator leaves
        // '@' as it is where Uri.EscapeDataString writes %40 (both valid), so the query is compared once decoded.
        SameAddress(Links.ResetPassword("a+b@test.local", "x/y+z=="), PathOf("ResetPassword", "Account", new { email = "a+b@test.local", token = "x/y+z==" }));
        SameAddress(Links.AcceptInvitation("Ab-_9/+="), PathOf("AcceptInvitation", "Account", new { token = "Ab-_9/+=" }));
    }

    [Fact]
    public async Task Public_links_open_their_pages()
    {
        var client = app.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Links.Library)).StatusCode);
        var feed = await client.GetAsync(Links.LibraryFeed);
        Assert.Equal("application/atom+xml", feed.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Links.ResetPassword("nobody@test.local", "token"))).StatusCode);
    }
}
