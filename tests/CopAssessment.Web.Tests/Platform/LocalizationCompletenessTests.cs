namespace CopAssessment.Web.Tests.Platform;

/// <summary>
/// Every literal UI string (L["…"]) in the web project must have a translation in each of the other five
/// official languages (French, Arabic, Spanish, Russian, Simplified Chinese), so a page never shows English
/// in the middle of another language.
/// </summary>
public partial class LocalizationCompletenessTests
{
    [GeneratedRegex("""\bL\["((?:[^"\\]|\\.)+)"[\],]""")]
    private static partial Regex LiteralKey();

    [GeneratedRegex("new NavigationItem\\(\"([^\"]+)\"")]
    private static partial Regex NavigationText();

    /// <summary><c>L.Plural(n, "{0} practice found", "{0} practices found"[, arguments])</c>: the second (English "other") form is the key.</summary>
    [GeneratedRegex("""\.Plural\([^;]*?,\s*"(?:[^"\\]|\\.)+",\s*"((?:[^"\\]|\\.)+)"\s*[,)]""")]
    private static partial Regex PluralKey();

    private static IEnumerable<string> PluralKeys(string web) =>
        Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cshtml") || f.EndsWith(".cs")) && !f.Contains("/bin/") && !f.Contains("/obj/"))
            .SelectMany(f => PluralKey().Matches(File.ReadAllText(f)).Select(m => Regex.Unescape(m.Groups[1].Value)));

    private static string RepositoryRoot() => CopAssessment.Tests.RepositoryPaths.Root;

    public static IEnumerable<object[]> Cultures() =>
        Infrastructure.Localization.LocalizationSetup.Cultures.Where(c => c != "en").Select(c => new object[] { c });

    [Fact]
    public void The_five_translated_languages_are_the_other_official_languages() =>
        Assert.Equal(["fr", "ar", "es", "ru", "zh-Hans"], Cultures().Select(c => (string)c[0]));

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Every_ui_string_is_translated(string culture)
    {
        var web = Path.Combine(RepositoryRoot(), "src", "CopAssessment.Web");
        var keys = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cshtml") || f.EndsWith(".cs")) && !f.Contains("/bin/") && !f.Contains("/obj/"))
            .SelectMany(f => LiteralKey().Matches(File.ReadAllText(f)).Concat(NavigationText().Matches(File.ReadAllText(f)))
                .Select(m => Regex.Unescape(m.Groups[1].Value)))
            .Concat(PluralKeys(web))
            .ToHashSet();
        // Keys built at run time: statuses and actions shown through L[x.ToString()], and role names.
        keys.UnionWith(Enum.GetNames<Domain.Workflow.CycleStatus>());
        keys.UnionWith(Enum.GetNames<Domain.Workflow.CycleAction>());
        // The one label source: statuses, report kinds, publication policies, regions and audit actions.
        keys.UnionWith(Enum.GetValues<Data.BestPractices.PracticeStatus>().Select(Infrastructure.Localization.Labels.Of));
        keys.UnionWith(Enum.GetValues<Domain.Aggregation.PublicationMode>().Select(Infrastructure.Localization.Labels.Of));
        keys.UnionWith(Enum.GetValues<Domain.Aggregation.PublicationMode>().Select(Infrastructure.Localization.Labels.Explained));
        keys.UnionWith(Infrastructure.Seeder.RegionNames.Select(r => r.Name));
        keys.UnionWith(Enum.GetValues<Domain.Workflow.SubmissionStatus>().Select(Infrastructure.Localization.Labels.Of));
        keys.UnionWith(Enum.GetValues<Domain.Workflow.CycleStatus>().Select(Infrastructure.Localization.Labels.Of));
        keys.UnionWith(Enum.GetValues<Data.Reports.ExportStatus>().Select(Infrastructure.Localization.Labels.Of));
        keys.UnionWith(Enum.GetValues<Reporting.ReportKind>().Select(Infrastructure.Localization.Labels.Of));
        keys.UnionWith(Infrastructure.Localization.Labels.AuditActions.Values);
        keys.UnionWith(Infrastructure.Security.Roles.All.Select(Infrastructure.Security.Roles.DisplayName));
        keys.UnionWith(WorkflowRefusals());
        var translated = Directory.EnumerateFiles(Path.Combine(web, "Resources"), $"*.{culture}.json")
            .SelectMany(f => JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(f))!.Keys)
            .ToHashSet();
        var missing = keys.Where(k => k.Length > 0 && !translated.Contains(k)).Order().ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} strings lack a '{culture}' translation:\n" + string.Join("\n", missing));
    }

    /// <summary>
    /// A count message lists every plural form the language has (Arabic: zero, one, two, few, many, other; Russian:
    /// one, few, many, other; Spanish: one, many, other; Chinese: other). French alone may leave out "many" (exact
    /// millions), which falls back to "other".
    /// </summary>
    [Theory]
    [MemberData(nameof(Cultures))]
    public void Every_plural_message_has_the_forms_the_language_needs(string culture)
    {
        var web = Path.Combine(RepositoryRoot(), "src", "CopAssessment.Web");
        var translated = Directory.EnumerateFiles(Path.Combine(web, "Resources"), $"*.{culture}.json")
            .SelectMany(f => JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(f))!)
            .GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.First().Value);
        var language = culture.Split('-')[0];
        var needed = Infrastructure.Localization.PluralRules.Categories[language].Where(c => c != "many" || language != "fr").ToList();
        var problems = PluralKeys(web).Distinct()
            .Select(key => (key, forms: Infrastructure.Localization.PluralRules.Parse(translated.GetValueOrDefault(key) ?? "")))
            .Where(k => needed.Any(c => !k.forms.ContainsKey(c)))
            .Select(k => $"{k.key}: needs {string.Join(", ", needed)}; has {string.Join(", ", k.forms.Keys)}")
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>Every reason the workflow rules give for refusing, as pages show it through L[reason].</summary>
    private static IEnumerable<string> WorkflowRefusals()
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var cycle in Enum.GetValues<Domain.Workflow.CycleStatus>())
        {
            foreach (var action in Enum.GetValues<Domain.Workflow.CycleAction>())
                yield return Domain.Workflow.CycleWorkflow.Apply(cycle, action).Error ?? "";
            yield return Domain.Workflow.CycleWorkflow.ChangePolicy(cycle).Error ?? "";
            yield return Domain.Workflow.CycleWorkflow.ExtendDeadline(cycle, now, now.AddDays(1), now).Error ?? "";
            yield return Domain.Workflow.CycleWorkflow.ExtendDeadline(cycle, now, now.AddDays(-1), now).Error ?? "";
            yield return Domain.Workflow.CycleWorkflow.ExtendDeadline(cycle, now.AddDays(-2), now.AddDays(-1), now).Error ?? "";
            foreach (var status in Enum.GetValues<Domain.Workflow.SubmissionStatus>())
            foreach (var action in Enum.GetValues<Domain.Workflow.SubmissionAction>())
            foreach (var actor in Enum.GetValues<Domain.Workflow.Actor>())
            foreach (var note in new[] { null, "-" })
                yield return Domain.Workflow.SubmissionWorkflow.Apply(status, action, actor, cycle, note).Error ?? "";
        }
    }

    /// <summary>All feature files are merged into one dictionary per language: a key must mean one thing.</summary>
    [Theory]
    [MemberData(nameof(Cultures))]
    public void A_string_translated_in_two_files_has_the_same_translation(string culture)
    {
        var resources = Path.Combine(RepositoryRoot(), "src", "CopAssessment.Web", "Resources");
        var differing = Directory.EnumerateFiles(resources, $"*.{culture}.json")
            .SelectMany(f => JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(f))!.Select(e => (File: Path.GetFileName(f), e.Key, e.Value)))
            .GroupBy(e => e.Key)
            .Where(g => g.Select(e => e.Value).Distinct().Count() > 1)
            .Select(g => $"{g.Key}: " + string.Join(", ", g.Select(e => $"{e.File} = {e.Value}")))
            .ToList();
        Assert.True(differing.Count == 0, string.Join("\n", differing));
    }
}
