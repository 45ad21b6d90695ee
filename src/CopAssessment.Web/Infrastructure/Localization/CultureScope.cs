namespace CopAssessment.Web.Infrastructure.Localization;

/// <summary>
/// Switches the current (UI) culture for a piece of work — a report in the language it was asked in —
/// and puts the previous one back when disposed: <c>using var _ = CultureScope.Ui(culture);</c>.
/// </summary>
public readonly struct CultureScope : IDisposable
{
    private readonly CultureInfo _culture;
    private readonly CultureInfo _uiCulture;

    private CultureScope(CultureInfo? culture, CultureInfo uiCulture)
    {
        (_culture, _uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        if (culture is not null) CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = uiCulture;
    }

    /// <summary>Texts in <paramref name="culture"/>; numbers and dates keep the current formatting.</summary>
    public static CultureScope Ui(CultureInfo culture) => new(null, culture);

    /// <summary>Texts, numbers and dates in <paramref name="culture"/>.</summary>
    public static CultureScope All(CultureInfo culture) => new(culture, culture);

    public void Dispose() => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (_culture, _uiCulture);
}
