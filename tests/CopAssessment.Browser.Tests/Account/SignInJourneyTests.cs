using Microsoft.Playwright;

namespace CopAssessment.Browser.Tests.Account;

[Collection(BrowserCollection.Name)]
public class SignInJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Kenya_focal_point_signs_in_and_switches_to_Arabic_right_to_left()
    {
        var page = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, "focal.ken@demo.local");
        Assert.Contains("Kenya Focal Point", await page.Locator("h1").InnerTextAsync());

        // The language switcher submits on change (JavaScript) — the real control a person uses.
        await page.GetByLabel("Language").SelectOptionAsync("ar");
        await page.WaitForFunctionAsync("document.documentElement.dir === 'rtl'");

        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
        Assert.Equal("ar", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Contains("لوحة المتابعة", await page.Locator("nav").InnerTextAsync());
        // The RTL stylesheet really applies: the navigation runs right to left.
        Assert.Equal("rtl", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('nav')).direction"));

        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "dashboard-ar-rtl.png"), FullPage = true });

        // Remembered: after signing out and in again the page is still Arabic.
        await page.GetByRole(AriaRole.Button, new() { Name = "تسجيل الخروج" }).ClickAsync();
        await page.WaitForURLAsync("**/account/login");
        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));

        // Put the person's preference back so other journeys with this account read English.
        var fresh = await fixture.NewPageAsync();
        await fixture.SignInAsync(fresh, "focal.ken@demo.local", expectEnglish: false);
        await fresh.GetByLabel("اللغة").SelectOptionAsync("en");
        await fresh.WaitForFunctionAsync("document.documentElement.dir === 'ltr'");
    }

    [Fact]
    public async Task Wrong_password_shows_the_message_next_to_the_form()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail").FillAsync("reviewer@demo.local");
        await page.GetByLabel("Password").FillAsync("wrong password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("E-mail or password is not correct.");
    }
}
