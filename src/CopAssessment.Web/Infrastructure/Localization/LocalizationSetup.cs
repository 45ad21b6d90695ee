using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Primitives;

namespace CopAssessment.Web.Infrastructure.Localization;

public static class LocalizationSetup
{
    /// <summary>
    /// The six official languages of the UN, by the culture name the app stores (a saved preference, a report's
    /// language) and looks translations up by (<c>Resources/{Feature}.{culture}.json</c>). The first is the default.
    /// Chinese is Simplified Chinese, <c>zh-Hans</c>; <see cref="Supported"/> maps what browsers send to it.
    /// </summary>
    public static readonly string[] Cultures = ["en", "fr", "ar", "es", "ru", "zh-Hans"];

    public static readonly IReadOnlyDictionary<string, string> NativeNames = new Dictionary<string, string>
    {
        ["en"] = "English", ["fr"] = "Français", ["ar"] = "العربية",
        ["es"] = "Español", ["ru"] = "Русский", ["zh-Hans"] = "中文（简体）",
    };

    public static bool IsRightToLeft => CultureInfo.CurrentUICulture.TextInfo.IsRightToLeft;

    /// <summary>The app's culture for the current request or piece of work ("zh-Hans", not "zh").</summary>
    public static string Current => Supported(CultureInfo.CurrentUICulture.Name) ?? Cultures[0];

    /// <summary>
    /// The app's culture for a name from a browser, a cookie, a query string or the database: the culture itself
    /// ("fr", "ES"), its language ("fr-CA" → "fr"), and every Simplified Chinese spelling ("zh", "zh-CN",
    /// "zh-Hans-CN", "zh-SG" → "zh-Hans"); null for a language the app does not have (including Traditional Chinese).
    /// </summary>
    public static string? Supported(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        if (Cultures.FirstOrDefault(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase)) is { } exact) return exact;
        var parts = name.Split('-', '_');
        if (string.Equals(parts[0], "zh", StringComparison.OrdinalIgnoreCase))
        {
            var traditional = parts.Skip(1).Any(p => p.ToUpperInvariant() is "HANT" or "TW" or "HK" or "MO");
            return traditional ? null : "zh-Hans";
        }
        return Cultures.FirstOrDefault(c => string.Equals(c, parts[0], StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The culture that formats texts, numbers and dates in <paramref name="name"/> (an app culture), the same for
    /// pages, mails, PDFs and workbooks. Arabic keeps Latin digits and takes "." as its decimal separator and ","
    /// to group thousands, as UN statistical tables do (docs/decisions/0011-arabic-digits.md).
    /// </summary>
    public static CultureInfo CultureFor(string name) => Formats.GetValueOrDefault(Supported(name) ?? Cultures[0]) ?? Formats[Cultures[0]];

    private static readonly IReadOnlyDictionary<string, CultureInfo> Formats = Cultures.ToDictionary(c => c, Create);

    private static CultureInfo Create(string name)
    {
        var culture = new CultureInfo(name);
        if (name == "ar")
        {
            var numbers = culture.NumberFormat;
            numbers.NumberDecimalSeparator = numbers.PercentDecimalSeparator = numbers.CurrencyDecimalSeparator = ".";
            numbers.NumberGroupSeparator = numbers.PercentGroupSeparator = numbers.CurrencyGroupSeparator = ",";
            numbers.DigitSubstitution = DigitShapes.None;
            numbers.NativeDigits = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
        }
        return CultureInfo.ReadOnly(culture);
    }

    public static void AddLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
        builder.Services.AddTransient(typeof(IStringLocalizer<>), typeof(StringLocalizer<>));
        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<PlaceNames>();
        builder.Services.AddScoped<CycleTitles>();
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = Cultures.Select(CultureFor).ToList();
            options.DefaultRequestCulture = new RequestCulture("en");
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            // The cookie (set by the switcher, and from the person's saved choice at sign-in) wins.
            options.RequestCultureProviders =
            [
                new AppCultureProvider(new QueryStringRequestCultureProvider()),
                new AppCultureProvider(new CookieRequestCultureProvider()),
                new AppCultureProvider(new AcceptLanguageHeaderRequestCultureProvider()),
            ];
        });
    }

    public static void UseCopLocalization(this WebApplication app) => app.UseRequestLocalization();

    public static void SetCultureCookie(HttpResponse response, string culture) =>
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
}

/// <summary>
/// Maps the names a provider reads ("zh-CN", "zh", "es-419") to the app's cultures (<see cref="LocalizationSetup.Supported"/>),
/// so a Chinese browser gets Simplified Chinese although it never sends "zh-Hans".
/// </summary>
public sealed class AppCultureProvider(RequestCultureProvider inner) : RequestCultureProvider
{
    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        inner.Options ??= Options;
        if (await inner.DetermineProviderCultureResult(httpContext) is not { } found) return null;
        var cultures = found.Cultures.Select(c => LocalizationSetup.Supported(c.Value)).OfType<string>().Distinct().ToList();
        var uiCultures = found.UICultures.Select(c => LocalizationSetup.Supported(c.Value)).OfType<string>().Distinct().ToList();
        return cultures.Count == 0 && uiCultures.Count == 0 ? null
            : new ProviderCultureResult(cultures.Select(c => new StringSegment(c)).ToList(), uiCultures.Select(c => new StringSegment(c)).ToList());
    }
}
