namespace CopAssessment.Web.Reporting;

/// <summary>Heat-map colours by stage position, shared by Excel and PDF so both read the same way.</summary>
public static class StagePalette
{
    // Light fills dark enough to tell apart in print and in grey-scale, with dark text on all of them.
    private static readonly string[] Fills = ["F4C7C3", "FCE8B2", "C9E4C5", "7FC68A"];

    public static string Fill(int stageIndex, int stageCount)
    {
        if (stageCount <= Fills.Length)
        {
            // Four stages use the four colours; fewer stages spread over them from both ends.
            var position = stageCount <= 1 ? Fills.Length - 1 : (int)Math.Round(stageIndex * (Fills.Length - 1) / (double)(stageCount - 1));
            return Fills[position];
        }
        return Fills[Math.Min(Fills.Length - 1, stageIndex * Fills.Length / stageCount)];
    }
}
