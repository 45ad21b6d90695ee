namespace CopAssessment.Domain.Questionnaires;

/// <summary>
/// <see cref="Problems"/> refuse the definition; <see cref="Warnings"/> (a missing translation, by JSON path)
/// do not: they are listed so an author knows which texts readers will see in English.
/// </summary>
public sealed record DefinitionLoadResult(QuestionnaireDefinition? Definition, IReadOnlyList<DefinitionProblem> Problems, IReadOnlyList<DefinitionProblem> Warnings)
{
    public bool IsValid => Definition is not null;
}

/// <summary>
/// Lists every problem of a definition file at once, each with its JSON path, e.g.
/// <c>$.domains[2].capabilities[0].questions[3].options[1].score</c>. The JSON Schema covers the shape;
/// this also covers what a schema cannot say (unique keys, expressions, cycles, stage order …).
/// </summary>
public static class DefinitionValidator
{
    public static IReadOnlyList<DefinitionProblem> Validate(string json) => DefinitionReader.Read(json).Problems;

    public static IReadOnlyList<DefinitionProblem> Validate(ReadOnlySpan<byte> utf8Json) => Validate(DefinitionReader.DecodeUtf8(utf8Json));

    /// <summary>Validates and, when there is no problem, returns the definition: one pass for an import.</summary>
    public static DefinitionLoadResult Load(string json)
    {
        var (definition, problems, warnings) = DefinitionReader.Read(json);
        return new DefinitionLoadResult(definition, problems, warnings);
    }

    public static DefinitionLoadResult Load(ReadOnlySpan<byte> utf8Json) => Load(DefinitionReader.DecodeUtf8(utf8Json));
}
