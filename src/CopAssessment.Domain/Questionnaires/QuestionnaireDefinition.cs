namespace CopAssessment.Domain.Questionnaires;

public enum QuestionType
{
    YesPartialNo,
    Maturity,
    SingleChoice,
    MultipleChoice,
    Number,
    Text,
    LongText,
    Date,
    Url,
}

public sealed record Stage(string Key, LocalizedText Name, double MinScore);

public sealed record QuestionOption(string Key, LocalizedText Label, double? Score, bool NotApplicable);

public sealed record QuestionConstraint(
    decimal? Min,
    decimal? Max,
    int? MaxLength,
    string? Pattern,
    string? ExpressionText,
    LocalizedText? Message)
{
    /// <summary>Compiled once at load; the whole answer must match (see docs/questionnaire-format.md).</summary>
    public Regex? PatternRegex { get; init; }

    public Expression? Expression { get; init; }
}

public sealed record Question(
    string Key,
    QuestionType Type,
    LocalizedText Text,
    LocalizedText? Help,
    IReadOnlyList<QuestionOption> Options,
    bool Required,
    double Weight,
    bool EvidenceExpected,
    string? RelevantWhen,
    QuestionConstraint? Constraint)
{
    public Expression? Relevance { get; init; }

    /// <summary>A number question that takes whole numbers only (counts): <c>"integer": true</c>.</summary>
    public bool Integer { get; init; }

    /// <summary>
    /// <c>"doNotCarry": true</c>: a new cycle never starts from the previous cycle's answer, even when the question is
    /// unchanged (a figure that must be given anew every round).
    /// </summary>
    public bool DoNotCarry { get; init; }

    public bool IsChoice => Type is QuestionType.YesPartialNo or QuestionType.Maturity
        or QuestionType.SingleChoice or QuestionType.MultipleChoice;

    /// <summary>Choice questions whose options carry scores; free-form types are recorded, not scored.</summary>
    public bool IsScored => IsChoice && Options.Any(o => o.Score is not null);

    public bool AllowsNotApplicable => Options.Any(o => o.NotApplicable);

    public QuestionOption? FindOption(string key)
    {
        foreach (var option in Options)
        {
            if (option.Key == key)
            {
                return option;
            }
        }

        return null;
    }
}

public sealed record Capability(
    string Key,
    LocalizedText Name,
    LocalizedText? Description,
    double Weight,
    IReadOnlyDictionary<string, LocalizedText> SuggestedActions,
    IReadOnlyList<Question> Questions)
{
    public bool IsScored => Questions.Any(q => q.IsScored);
}

public sealed record Domain(
    string Key,
    LocalizedText Name,
    LocalizedText? Description,
    double Weight,
    bool Scored,
    IReadOnlyList<Capability> Capabilities);

/// <summary>
/// An immutable, validated questionnaire. Build it with <see cref="Parse(string)"/>; use
/// <see cref="DefinitionValidator"/> to list every problem of a file without throwing.
/// </summary>
public sealed class QuestionnaireDefinition
{
    private readonly Dictionary<string, Question> _questions;
    private readonly Dictionary<string, Capability> _capabilityOfQuestion;
    private readonly Dictionary<string, Domain> _domainOfQuestion;

    public QuestionnaireDefinition(
        string key,
        string version,
        LocalizedText title,
        LocalizedText? description,
        IReadOnlyList<Stage> stages,
        IReadOnlyList<Domain> domains)
    {
        Key = key;
        Version = version;
        Title = title;
        Description = description;
        Stages = stages;
        Domains = domains;
        _questions = new(StringComparer.Ordinal);
        _capabilityOfQuestion = new(StringComparer.Ordinal);
        _domainOfQuestion = new(StringComparer.Ordinal);
        var all = new List<Question>();
        foreach (var domain in domains)
        {
            foreach (var capability in domain.Capabilities)
            {
                foreach (var question in capability.Questions)
                {
                    _questions[question.Key] = question;
                    _capabilityOfQuestion[question.Key] = capability;
                    _domainOfQuestion[question.Key] = domain;
                    all.Add(question);
                }
            }
        }

        Questions = all;
        RelevanceOrder = OrderByRelevanceDependencies(all, _questions);
    }

    public string Key { get; }
    public string Version { get; }
    public LocalizedText Title { get; }
    public LocalizedText? Description { get; }
    public IReadOnlyList<Stage> Stages { get; }
    public IReadOnlyList<Domain> Domains { get; }

    /// <summary>Every question in document order.</summary>
    public IReadOnlyList<Question> Questions { get; }

    /// <summary>Questions ordered so that each comes after every question its relevance condition reads.</summary>
    public IReadOnlyList<Question> RelevanceOrder { get; }

    public static QuestionnaireDefinition Parse(string json)
    {
        var (definition, problems, _) = DefinitionReader.Read(json);
        return definition ?? throw new InvalidDefinitionException(problems);
    }

    public static QuestionnaireDefinition Parse(ReadOnlySpan<byte> utf8Json) => Parse(DefinitionReader.DecodeUtf8(utf8Json));

    public Question? FindQuestion(string key) => _questions.GetValueOrDefault(key);

    public Capability? CapabilityOf(string questionKey) => _capabilityOfQuestion.GetValueOrDefault(questionKey);

    public Domain? DomainOf(string questionKey) => _domainOfQuestion.GetValueOrDefault(questionKey);

    /// <summary>The highest stage whose minimum the 0–100 score reaches; null for no score.</summary>
    public Stage? StageFor(double? score)
    {
        if (score is not { } value)
        {
            return null;
        }

        Stage? reached = null;
        foreach (var stage in Stages)
        {
            // The epsilon absorbs floating-point noise such as 74.99999999999999 for an exact 75.
            if (stage.MinScore <= value + 1e-9)
            {
                reached = stage;
            }
        }

        return reached ?? Stages[0];
    }

    private static List<Question> OrderByRelevanceDependencies(List<Question> questions, Dictionary<string, Question> byKey)
    {
        // Depth-first topological order. The validator refuses cycles; the visited set only keeps a
        // hand-built definition from recursing forever.
        var ordered = new List<Question>(questions.Count);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        foreach (var question in questions)
        {
            Visit(question);
        }

        return ordered;

        void Visit(Question question)
        {
            if (!visited.Add(question.Key))
            {
                return;
            }

            if (question.Relevance is { } relevance)
            {
                foreach (var key in relevance.ReferencedKeys())
                {
                    if (byKey.TryGetValue(key, out var dependency))
                    {
                        Visit(dependency);
                    }
                }
            }

            ordered.Add(question);
        }
    }
}

public sealed record DefinitionProblem(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

public sealed class InvalidDefinitionException(IReadOnlyList<DefinitionProblem> problems)
    : Exception($"The questionnaire definition has {problems.Count} problem(s):{Environment.NewLine}"
        + string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<DefinitionProblem> Problems { get; } = problems;
}
