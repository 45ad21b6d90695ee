using System.Text.Json;

namespace CopAssessment.Web.Data.Assessments;

/// <summary>The scorecard stored on a submission when it is validated (<see cref="Submission.ScoreSnapshot"/>).</summary>
public static class ScoreSnapshot
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Serialize(Scorecard scorecard) => JsonSerializer.Serialize(scorecard, Json);

    public static Scorecard Parse(string snapshot) => JsonSerializer.Deserialize<Scorecard>(snapshot, Json)!;
}
