using CopAssessment.Web.Infrastructure;

namespace CopAssessment.Web.Features.Questionnaires;

/// <summary>
/// <c>questionnaire validate FILE</c> lists every problem by JSON path;
/// <c>questionnaire import FILE</c> validates and stores it as a new immutable version (or does nothing
/// when identical content is already imported).
/// </summary>
public sealed class QuestionnaireCommand(QuestionnaireImporter importer) : ICommand
{
    public string Verb => "questionnaire";

    public async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length != 2 || args[0] is not ("import" or "validate"))
        {
            await error.WriteLineAsync("usage: questionnaire import FILE | questionnaire validate FILE");
            return 2;
        }
        var path = Resolve(args[1]);
        if (!File.Exists(path))
        {
            await error.WriteLineAsync($"File not found: {path}");
            return 2;
        }
        var content = await File.ReadAllBytesAsync(path);
        var result = args[0] == "validate" ? QuestionnaireImporter.Validate(content) : await importer.ImportAsync(content, "command line");
        if (result.Outcome == ImportOutcome.Invalid)
        {
            await error.WriteLineAsync($"{path}: {result.Problems.Count} problem(s)");
            foreach (var problem in result.Problems) await error.WriteLineAsync($"  {problem.Path}: {problem.Message}");
            return 1;
        }
        await output.WriteLineAsync(args[0] == "validate" ? $"{path}: valid"
            : result.Outcome == ImportOutcome.Unchanged ? $"Unchanged: identical to {result.Version!.Key} version {result.Version.Number} (hash {result.Version.ContentHash[..12]})."
            : $"Imported {result.Version!.Key} version {result.Version.Number} ({result.Version.QuestionCount} questions, hash {result.Version.ContentHash[..12]}).");
        return 0;
    }

    /// <summary>
    /// <c>dotnet run --project src/CopAssessment.Web</c> starts the app in the project folder, so a path
    /// relative to where the person typed it (usually the repository root) is looked up in the parent folders too.
    /// </summary>
    private static string Resolve(string path)
    {
        if (Path.IsPathRooted(path)) return path;
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, path);
            if (File.Exists(candidate)) return candidate;
        }
        return Path.GetFullPath(path);
    }
}

public static class QuestionnaireSetup
{
    public static void AddQuestionnaires(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<QuestionnaireCatalog>();
        builder.Services.AddScoped<QuestionnaireImporter>();
        builder.Services.AddScoped<ICommand, QuestionnaireCommand>();
        builder.Services.AddSingleton<IDatabaseObjects, QuestionnaireVersionGuard>();
    }
}
