namespace CopAssessment.Web.Reporting;

/// <summary>
/// Heat-map colours by stage position, generated for however many stages a definition has, so the Excel
/// writer (one differential format per stage) and the PDF (one <c>.st{i}</c> class per stage) colour the same.
/// </summary>
public static class StagePalette
{
    // Light fills dark enough to tell apart in print and in grey-scale, with dark text on all of them.
    private static readonly string[] Fills = ["F4C7C3", "FCE8B2", "C9E4C5", "7FC68A"];

    /// <summary>The fill of stage <paramref name="stageIndex"/> of <paramref name="stageCount"/>, as RRGGBB.</summary>
    public static string Fill(int stageIndex, int stageCount)
    {
        if (stageCount <= Fills.Length)
        {
            // Four stages use the four colours; fewer stages spread over them from both ends.
            var position = stageCount <= 1 ? Fills.Length - 1 : (int)Math.Round(stageIndex * (Fills.Length - 1) / (double)(stageCount - 1));
            return Fills[position];
        }
        // More stages than colours: each takes its own point on the same scale, from the first colour to the last.
        var at = Math.Clamp(stageIndex, 0, stageCount - 1) * (Fills.Length - 1) / (double)(stageCount - 1);
        var from = Math.Min((int)at, Fills.Length - 2);
        return Blend(Fills[from], Fills[from + 1], at - from);
    }

    /// <summary>Every stage's fill, in order.</summary>
    public static IReadOnlyList<string> For(int stageCount) => [.. Enumerable.Range(0, stageCount).Select(i => Fill(i, stageCount))];

    private static string Blend(string from, string to, double t)
    {
        int Channel(string rgb, int i) => int.Parse(rgb.AsSpan(i * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return string.Concat(Enumerable.Range(0, 3).Select(i =>
            ((int)Math.Round(Channel(from, i) + (Channel(to, i) - Channel(from, i)) * t)).ToString("X2", CultureInfo.InvariantCulture)));
    }
}
