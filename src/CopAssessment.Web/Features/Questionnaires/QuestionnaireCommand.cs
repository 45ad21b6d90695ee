using System.Collections.Frozen;
using CopAssessment.Domain.Questionnaires;

namespace CopAssessment.Web.Features.Questionnaires;

/// <summary>
/// <c>questionnaire validate FILE</c> lists every problem by JSON path; <c>outline FILE</c> prints the
/// domains, capabilities and questions; <c>diff FROM TO</c> prints what changed between two files. The three
/// read files only and need no database. <c>import FILE</c> validates and stores it as a new immutable
/// version (or does nothing when identical content is already imported).
/// </summary>
public sealed class QuestionnaireCommand(IServiceProvider services) : ICommand
{
    private const string Usage = "usage: questionnaire validate FILE | outline FILE | diff FROM TO | import FILE";

    public string Verb => "questionnaire";

    public bool NeedsDatabase(string[] args) => args is ["import", ..];

    public async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var files = args switch
        {
            ["validate" or "outline" or "import", var file] => new[] { file },
            ["diff", var from, var to] => [from, to],
            _ => null,
        };
        if (files is null)
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }
        var contents = new List<byte[]>();
        foreach (var file in files)
        {
            var path = Resolve(file);
            if (!File.Exists(path))
            {
                await error.WriteLineAsync($"File not found: {path}");
                return 2;
            }
            contents.Add(await File.ReadAllBytesAsync(path));
        }

        if (args[0] == "import")
        {
            // Resolved here, not injected: it needs the database, which the other sub-commands must not.
            var importer = services.GetRequiredService<QuestionnaireImporter>();
            var result = await importer.ImportAsync(contents[0], "command line");
            if (result.Outcome == ImportOutcome.Invalid) return await ReportProblems(Resolve(files[0]), result.Problems, result.Warnings, error);
            await ReportWarnings(result.Warnings, output);
            await output.WriteLineAsync(result.Outcome == ImportOutcome.Unchanged
                ? $"Unchanged: identical to {result.Version!.Key} version {result.Version.Number} (hash {result.Version.ContentHash[..12]})."
                : $"Imported {result.Version!.Key} version {result.Version.Number} ({result.Version.QuestionCount} questions, hash {result.Version.ContentHash[..12]}).");
            return 0;
        }

        var definitions = new List<QuestionnaireDefinition>();
        var warningCount = 0;
        for (var i = 0; i < files.Length; i++)
        {
            var loaded = DefinitionValidator.Load(contents[i]);
            if (loaded.Definition is null || loaded.Problems.Count > 0) return await ReportProblems(Resolve(files[i]), loaded.Problems, loaded.Warnings, error);
            if (args[0] == "validate") await ReportWarnings(loaded.Warnings, output);
            warningCount += loaded.Warnings.Count;
            definitions.Add(loaded.Definition);
        }
        await output.WriteAsync(args[0] switch
        {
            "validate" => $"{Resolve(files[0])}: valid{(warningCount > 0 ? $", {warningCount} warning(s)" : "")}\n",
            "outline" => Outline(definitions[0]),
            _ => Diff(QuestionnaireDiff.Compare(definitions[0], definitions[1], English)),
        });
        return 0;
    }

    private static async Task<int> ReportProblems(string path, IReadOnlyList<DefinitionProblem> problems, IReadOnlyList<DefinitionProblem> warnings, TextWriter error)
    {
        await error.WriteLineAsync($"{path}: {problems.Count} problem(s)");
        foreach (var problem in problems) await error.WriteLineAsync($"  {problem.Path}: {problem.Message}");
        await ReportWarnings(warnings, error);
        return 1;
    }

    /// <summary>A missing translation does not refuse the file, but the author should know which texts readers see in English.</summary>
    private static async Task ReportWarnings(IReadOnlyList<DefinitionProblem> warnings, TextWriter writer)
    {
        foreach (var warning in warnings) await writer.WriteLineAsync($"  warning {warning.Path}: {warning.Message}");
    }

    private static string Outline(QuestionnaireDefinition definition)
    {
        var text = new StringBuilder($"{definition.Key} {definition.Version}: {definition.Title.Get("en")} ({definition.Questions.Count} questions)\n");
        foreach (var domain in definition.Domains)
        {
            text.Append($"{domain.Key}  {domain.Name.Get("en")}\n");
            foreach (var capability in domain.Capabilities)
            {
                text.Append($"  {capability.Key}  {capability.Name.Get("en")}\n");
                foreach (var question in capability.Questions)
                    text.Append($"    {question.Key}  [{question.Type}{(question.Required ? ", required" : "")}]  {question.Text.Get("en")}\n");
            }
        }
        return text.ToString();
    }

    /// <summary>The command line writes English, the texts' keys: a localizer without translations returns them.</summary>
    private static readonly JsonStringLocalizer English = new(FrozenDictionary<string, FrozenDictionary<string, string>>.Empty);

    private static string Diff(QuestionnaireComparison comparison)
    {
        var text = new StringBuilder($"{comparison.Added.Count} added, {comparison.Removed.Count} removed, {comparison.Changed.Count} changed\n");
        foreach (var q in comparison.Added) text.Append($"+ {q.Key}  {q.Text.Get("en")}\n");
        foreach (var q in comparison.Removed) text.Append($"- {q.Key}  {q.Text.Get("en")}\n");
        foreach (var q in comparison.Changed)
        {
            text.Append($"~ {q.Key}\n");
            foreach (var d in q.Differences)
                text.Append($"    {d.Field}{(d.Language is null ? "" : $" ({d.Language})")}: {d.Before} → {d.After}\n");
        }
        return text.ToString();
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
