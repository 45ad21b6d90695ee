using System.Globalization;
using CopAssessment.Tests;
using CopAssessment.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace CopAssessment.Web.Tests.Platform;

/// <summary>
/// The six official languages reach the page: the sign-in page and the dashboard render in Spanish, Russian and
/// Simplified Chinese, left to right, whether the language comes from the switcher's query string, the cookie or
/// the browser's Accept-Language (which never says "zh-Hans" but "zh-CN" or "zh").
/// </summary>
[Collection(AppCollection.Name)]
public class SixLanguagesTests(CopAppFactory app)
{
    [Theory]
    [InlineData("es", "Iniciar sesión", "¿Ha olvidado su contraseña?")]
    [InlineData("ru", "Войти", "Забыли пароль?")]
    [InlineData("zh-Hans", "登录", "忘记密码？")]
    public async Task The_sign_in_page_renders_in_the_language_asked_for(string culture, string signIn, string forgot)
    {
        var html = await app.CreateBrowserClient().GetStringAsync($"/account/login?culture={culture}");
        Assert.Contains($"<html lang=\"{culture}\" dir=\"ltr\">", html);
        Assert.Contains(signIn, html);
        Assert.Contains(forgot, html);
        Assert.DoesNotContain("Forgot your password?", html);
        Assert.Contains($"<option value=\"{culture}\" selected=\"selected\" lang=\"{culture}\">{LocalizationSetup.NativeNames[culture]}</option>", html);
    }

    [Theory]
    [InlineData("zh-CN,zh;q=0.9,en;q=0.5")]
    [InlineData("zh")]
    [InlineData("zh-Hans-CN")]
    [InlineData("zh-SG")]
    public async Task Every_browser_spelling_of_simplified_chinese_gets_zh_hans(string acceptLanguage)
    {
        var client = app.CreateBrowserClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        var html = await client.GetStringAsync("/account/login");
        Assert.Contains("<html lang=\"zh-Hans\" dir=\"ltr\">", html);
        Assert.Contains("忘记密码？", html);
    }

    [Fact]
    public async Task Traditional_chinese_is_not_taken_for_simplified()
    {
        var client = app.CreateBrowserClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-TW");
        Assert.Contains("<html lang=\"en\" dir=\"ltr\">", await client.GetStringAsync("/account/login"));
    }

    [Theory]
    [InlineData("es-MX", "es")]
    [InlineData("ru-KZ", "ru")]
    [InlineData("zh-CN", "zh-Hans")]
    public async Task The_switcher_saves_the_language_and_the_dashboard_shows_it(string asked, string culture)
    {
        var client = await app.SignedInClientAsync("focal.gha@demo.local");
        try
        {
            var response = await client.PostFormAsync("/", "/culture", new Dictionary<string, string> { ["culture"] = asked, ["returnUrl"] = "/" });
            Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(culture, await app.WithDbAsync(db => db.Users.Where(u => u.Email == "focal.gha@demo.local").Select(u => u.PreferredCulture).SingleAsync()));
            var html = await client.GetStringAsync("/");
            Assert.Contains($"<html lang=\"{culture}\" dir=\"ltr\">", html);
            var dashboard = culture switch { "es" => "Panel", "ru" => "Панель", _ => "仪表板" };
            Assert.Contains(dashboard, html);
            Assert.DoesNotContain(">Sign out<", html);
        }
        finally
        {
            await app.WithDbAsync(db => db.Users.Where(u => u.Email == "focal.gha@demo.local").ExecuteUpdateAsync(u => u.SetProperty(x => x.PreferredCulture, (string?)null)));
        }
    }

    /// <summary>Decision 0011: Arabic numbers use Latin digits with "." for decimals and "," for thousands, in pages, PDFs and workbooks.</summary>
    [Fact]
    public void Arabic_numbers_use_latin_digits_and_a_full_stop_for_decimals()
    {
        var arabic = LocalizationSetup.CultureFor("ar");
        Assert.Equal("1,234.5", 1234.5.ToString("N1", arabic));
        Assert.Equal("62.3", Domain.Scoring.ScoreDisplay.Format(62.25, arabic));
        Assert.Equal("0.5", 0.5.ToString(arabic));
        // Right to left all the same, and texts still Arabic.
        Assert.True(arabic.TextInfo.IsRightToLeft);
        Assert.NotEqual(".", CultureInfo.GetCultureInfo("ar").NumberFormat.NumberDecimalSeparator);
    }
}
