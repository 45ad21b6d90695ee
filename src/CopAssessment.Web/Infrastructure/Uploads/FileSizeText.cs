namespace CopAssessment.Web.Infrastructure.Uploads;

/// <summary>A file size as people read it: bytes below 1 KB, then KB or MB with one decimal (never "0 KB" for a file that has content).</summary>
public static class FileSizeText
{
    public static string Format(long bytes, IStringLocalizer L, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        if (bytes < 1024) return L["{0} bytes", bytes.ToString("N0", culture)];
        // The unit is chosen after rounding, so 1,048,575 bytes reads "1.0 MB", not "1024.0 KB".
        var kb = Math.Round(bytes / 1024.0, 1, MidpointRounding.AwayFromZero);
        if (kb < 1024) return L["{0} KB", kb.ToString("N1", culture)];
        return L["{0} MB", Math.Round(bytes / (1024.0 * 1024.0), 1, MidpointRounding.AwayFromZero).ToString("N1", culture)];
    }
}
