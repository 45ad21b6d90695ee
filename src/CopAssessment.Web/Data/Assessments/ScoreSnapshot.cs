using System.Text.Json;
using System.Text.Json.Serialization;

namespace CopAssessment.Web.Data.Assessments;

/// <summary>The scorecard stored on a submission when it is validated (<see cref="Submission.ScoreSnapshot"/>).</summary>
public static class ScoreSnapshot
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>As <see cref="Json"/>, but every capability's question scores are skipped, not built (<see cref="ParseSummary"/>).</summary>
    private static readonly JsonSerializerOptions SummaryJson = new(JsonSerializerDefaults.Web) { Converters = { new SkippedQuestions() } };

    public static string Serialize(Scorecard scorecard) => JsonSerializer.Serialize(scorecard, Json);

    public static Scorecard Parse(string snapshot) => JsonSerializer.Deserialize<Scorecard>(snapshot, Json)!;

    /// <summary>
    /// The scorecard down to its capabilities: overall, domains and capabilities with their scores and stages, and no
    /// question scores (each capability's list is empty). The question scores are most of a snapshot (about 20 KB of
    /// JSON per country); what compares cycles — the trends of every regional and global report, which read every
    /// country of every earlier cycle — uses none of them, and building them was half the time of reading the history.
    /// </summary>
    public static Scorecard ParseSummary(string snapshot) => JsonSerializer.Deserialize<Scorecard>(snapshot, SummaryJson)!;

    private sealed class SkippedQuestions : JsonConverter<IReadOnlyList<QuestionScore>>
    {
        public override IReadOnlyList<QuestionScore> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            reader.Skip();
            return [];
        }

        public override void Write(Utf8JsonWriter writer, IReadOnlyList<QuestionScore> value, JsonSerializerOptions options) =>
            throw new NotSupportedException("A summary is read, never written back.");
    }
}
