namespace CopAssessment.Domain.Scoring;

[JsonConverter(typeof(JsonStringEnumConverter<ScoringMode>))]
public enum ScoringMode
{
    /// <summary>A draft: unanswered questions are left out, so the score shows what has been answered so far.</summary>
    Provisional,

    /// <summary>Submitted or later: an unanswered required question counts 0.</summary>
    Submitted,
}

/// <summary>What happened to one question in the score.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<QuestionOutcome>))]
public enum QuestionOutcome
{
    /// <summary>Counted with its option score.</summary>
    Scored,

    /// <summary>Answered "not applicable": left out of the denominator.</summary>
    NotApplicable,

    /// <summary>Its relevance condition is false: neither required nor scored, its answer ignored.</summary>
    Hidden,

    /// <summary>No answer, left out (optional, or required in provisional mode).</summary>
    Unanswered,

    /// <summary>No answer to a required question in submitted mode: counted as 0.</summary>
    UnansweredCountedZero,

    /// <summary>A recorded, unscored question (number, text, date, URL, choice without scores).</summary>
    NotScored,
}

/// <param name="Score">The 0–1 value that entered the weighted mean; null when the question did not count.</param>
/// <param name="Answered">It has an answer that fits the question (not-applicable included).</param>
public sealed record QuestionScore(string Key, QuestionOutcome Outcome, double? Score, double Weight, bool Required, bool Answered);

/// <param name="Score">0–100, or null when no question of the capability counted.</param>
public sealed record CapabilityScore(string Key, double Weight, double? Score, string? Stage, IReadOnlyList<QuestionScore> Questions);

public sealed record DomainScore(
    string Key,
    bool Scored,
    double Weight,
    double? Score,
    string? Stage,
    Completeness Completeness,
    IReadOnlyList<CapabilityScore> Capabilities);

/// <summary>Answered required visible questions out of required visible questions.</summary>
public sealed record Completeness(int Answered, int Required)
{
    /// <summary>0–1; 1 when nothing is required.</summary>
    public double Ratio => Required == 0 ? 1 : (double)Answered / Required;
}

/// <param name="DomainsCounted">Scored domains that have a score, and so enter the overall index.</param>
/// <param name="ScoredDomains">All domains with <c>"scored": true</c>.</param>
/// <param name="Complete">Every scored domain counts and every required question that applies is answered: the index is final
/// for these answers. Until then it is shown only as "based on <paramref name="DomainsCounted"/> of <paramref name="ScoredDomains"/> scored domains".</param>
public sealed record IndexBasis(int DomainsCounted, int ScoredDomains, bool Complete);

/// <summary>
/// The result of <see cref="ScoringEngine.Score"/>. Plain records, so a validated submission can store it as a
/// JSON snapshot (System.Text.Json round-trips it) and published history never changes.
/// </summary>
public sealed record Scorecard(
    string QuestionnaireKey,
    string QuestionnaireVersion,
    ScoringMode Mode,
    double? Overall,
    string? Stage,
    Completeness Completeness,
    IReadOnlyList<DomainScore> Domains)
{
    public DomainScore? FindDomain(string key) => Domains.FirstOrDefault(d => d.Key == key);

    /// <summary>What the overall index rests on (docs/scoring.md, "Index basis"). Derived, so not in the snapshot.</summary>
    [JsonIgnore]
    public IndexBasis Basis
    {
        get
        {
            var scored = Domains.Where(d => d.Scored).ToList();
            var counted = scored.Count(d => d.Score is not null);
            return new IndexBasis(counted, scored.Count, counted == scored.Count && Completeness.Answered >= Completeness.Required);
        }
    }

    public CapabilityScore? FindCapability(string key) =>
        Domains.SelectMany(d => d.Capabilities).FirstOrDefault(c => c.Key == key);

    public QuestionScore? FindQuestion(string key) =>
        Domains.SelectMany(d => d.Capabilities).SelectMany(c => c.Questions).FirstOrDefault(q => q.Key == key);
}

public static class ScoreDisplay
{
    /// <summary>
    /// The decimal a score stands for: its 15 significant digits, the precision a double holds for certain.
    /// Binary noise goes (a mean of exactly 48.75 computed as 48.749999999999993 becomes 48.75), so rounding
    /// a half is decided on the value the reader would compute by hand, not on its binary approximation.
    /// </summary>
    public static decimal? Exact(double? score) => score is { } value && double.IsFinite(value) ? (decimal)value : null;

    /// <summary>
    /// One decimal, halves away from zero (62.25 → 62.3), the way people round by hand. Only for display:
    /// stages, aggregates and comparisons use the unrounded value.
    /// </summary>
    public static double? Round(double? score) => (double?)RoundExact(score);

    /// <summary>"62.3" in the given culture, or "–" for no score.</summary>
    public static string Format(double? score, IFormatProvider? culture = null) =>
        RoundExact(score) is { } value ? value.ToString("0.0", culture ?? System.Globalization.CultureInfo.InvariantCulture) : "–";

    private static decimal? RoundExact(double? score) => Exact(score) is { } value ? Math.Round(value, 1, MidpointRounding.AwayFromZero) : null;
}
