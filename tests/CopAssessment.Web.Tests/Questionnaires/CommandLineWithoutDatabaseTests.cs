using System.Text.Json.Nodes;

namespace CopAssessment.Web.Tests.Questionnaires;

/// <summary>
/// The app's command line as an operator runs it: the built app, no connection string. Reading a
/// questionnaire file needs no database; a command that does need one says so in one line and exits 2.
/// </summary>
public class CommandLineWithoutDatabaseTests
{
    private static readonly string Mnr = Directory.GetFiles(RepositoryPaths.File("samples", "questionnaires"), "mnr*.json").Order().First();

    [Fact]
    public async Task Validate_outline_and_diff_run_without_a_database()
    {
        var validate = await RunAppAsync("questionnaire", "validate", Mnr);
        Assert.True(validate.ExitCode == 0, validate.Error);
        Assert.Contains(": valid", validate.Output);

        var outline = await RunAppAsync("questionnaire", "outline", Mnr);
        Assert.True(outline.ExitCode == 0, outline.Error);
        Assert.Contains("ctx.6", outline.Output);
        var definition = Domain.Questionnaires.QuestionnaireDefinition.Parse(await File.ReadAllTextAsync(Mnr));
        Assert.Equal(definition.Domains.Sum(d => d.Capabilities.Count), outline.Output.Split('\n').Count(l => l.StartsWith("  ") && !l.StartsWith("    ")));
        Assert.Equal(definition.Questions.Count, outline.Output.Split('\n').Count(l => l.StartsWith("    ")));

        var changed = JsonNode.Parse(await File.ReadAllTextAsync(Mnr))!;
        changed["domains"]![1]!["capabilities"]![0]!["questions"]![0]!["required"] = false;
        var changedPath = Path.Combine(Path.GetTempPath(), $"mnr-changed-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(changedPath, changed.ToJsonString());
        var diff = await RunAppAsync("questionnaire", "diff", Mnr, changedPath);
        Assert.True(diff.ExitCode == 0, diff.Error);
        Assert.Contains("0 added, 0 removed, 1 changed", diff.Output);
        Assert.Contains("Required: Yes → No", diff.Output);
    }

    [Theory]
    [InlineData("migrate")]
    [InlineData("questionnaire", "import", "MNR")]
    public async Task A_command_that_needs_the_database_says_so_in_one_line(params string[] args)
    {
        var run = await RunAppAsync(args.Select(a => a == "MNR" ? Mnr : a).ToArray());
        Assert.Equal(2, run.ExitCode);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("error: no database configured", lines[0], StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", run.Error);
    }

    /// <summary>The built app as an operator runs it: from another folder, in Production, with no connection string.</summary>
    private static Task<(int ExitCode, string Output, string Error)> RunAppAsync(params string[] args) =>
        Platform.AppProcess.RunAsync(new Dictionary<string, string?> { ["ConnectionStrings__Cop"] = null, ["ASPNETCORE_ENVIRONMENT"] = "Production" },
            args, workingDirectory: Path.GetTempPath());
}
