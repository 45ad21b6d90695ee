using CopAssessment.Web.Data.BestPractices;
using Microsoft.Playwright;

namespace CopAssessment.Browser.Tests.BestPractices;

[Collection(BrowserCollection.Name)]
public class SubmitJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Contributor_submits_a_practice_with_only_its_required_fields_from_the_real_page()
    {
        var page = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, "contributor@demo.local");
        await page.GotoAsync("/best-practices/mine");
        await page.GetByRole(AriaRole.Link, new() { Name = "Submit a best practice" }).ClickAsync();
        await page.WaitForURLAsync("**/best-practices/new");
        await Assertions.Expect(page.Locator("#attachments-later")).ToBeVisibleAsync();

        // Only the fields marked required; Links, end year, enabling factors and scaling stay empty.
        var title = "Required fields only " + Guid.NewGuid().ToString("N")[..8];
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("Short summary").FillAsync("Schools teach online safety.");
        await page.GetByLabel("Full description").FillAsync("Ten lessons for pupils aged 8 to 12.");
        await page.GetByRole(AriaRole.Listbox, new() { Name = "Countries" }).SelectOptionAsync(new SelectOptionValue { Label = "Kenya" });
        await page.GetByLabel("Stakeholder group").SelectOptionAsync("civil-society");
        await page.GetByLabel("Children", new() { Exact = true }).CheckAsync();
        await page.Locator("#cap-so\\.13\\.education").CheckAsync();
        await page.GetByLabel("Start year").FillAsync("2023");
        await page.GetByLabel("Results and impact").FillAsync("1,200 schools took part.");
        await page.GetByLabel("Contact person").FillAsync("Amina Otieno");
        await page.GetByLabel("Contact e-mail").FillAsync("amina@example.org");
        Assert.Equal("", await page.GetByLabel("Links").InputValueAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "best-practice-submit-required-only.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/best-practices/\d+/edit$"));
        await Assertions.Expect(page.Locator("#practice-status")).ToHaveTextAsync("Submitted");

        var saved = await fixture.App.WithDbAsync(db => db.Set<BestPracticeVersion>().AsNoTracking()
            .Where(v => v.Title == title).Select(v => new { v.Status, v.Countries, v.Links, v.EndYear, v.Organisation, v.Practice!.OwnerEmail }).SingleAsync());
        Assert.Equal(PracticeStatus.Submitted, saved.Status);
        Assert.Equal(["KEN"], saved.Countries);
        Assert.Empty(saved.Links);
        Assert.Null(saved.EndYear);
        Assert.Equal("Child Safety Online NGO", saved.Organisation);
        Assert.Equal("contributor@demo.local", saved.OwnerEmail);
    }

    [Fact]
    public async Task Submitting_with_a_required_field_missing_shows_the_error_beside_it()
    {
        var page = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, "contributor@demo.local");
        await page.GotoAsync("/best-practices/new");
        await page.GetByLabel("Title").FillAsync("Missing summary " + Guid.NewGuid().ToString("N")[..8]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await page.WaitForURLAsync("**/best-practices/new");
        await Assertions.Expect(page.Locator("#Summary-error")).ToHaveTextAsync("Enter a short summary.");
        await Assertions.Expect(page.GetByLabel("Short summary")).ToHaveAttributeAsync("aria-invalid", "true");
        // The typed title is kept.
        Assert.StartsWith("Missing summary", await page.GetByLabel("Title").InputValueAsync());
    }
}
