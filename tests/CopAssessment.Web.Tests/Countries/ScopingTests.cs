using System.Net;

namespace CopAssessment.Web.Tests.Countries;

[Collection(AppCollection.Name)]
public class ScopingTests(CopAppFactory app)
{
    [Fact]
    public async Task Kenya_focal_point_sees_Kenya_and_gets_404_for_Ghana()
    {
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await ken.GetAsync("/countries/KEN")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ken.GetAsync("/countries/GHA")).StatusCode);
        var list = await ken.GetStringAsync("/countries");
        Assert.Contains("Kenya", list);
        Assert.DoesNotContain("Ghana", list);
    }

    [Fact]
    public async Task Regional_coordinator_sees_only_the_region()
    {
        var afr = await app.SignedInClientAsync("coordinator.afr@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await afr.GetAsync("/countries/GHA")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await afr.GetAsync("/countries/FRA")).StatusCode);
        var list = await afr.GetStringAsync("/countries");
        Assert.Contains("Kenya", list);
        Assert.DoesNotContain("Brazil", list);
    }

    [Fact]
    public async Task Reviewer_sees_every_country()
    {
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync("/countries/FRA")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync("/countries/GHA")).StatusCode);
    }

    [Fact]
    public async Task Contributor_has_no_country_data()
    {
        var contributor = await app.SignedInClientAsync("contributor@demo.local");
        var response = await contributor.GetAsync("/countries/KEN");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery);
    }
}
