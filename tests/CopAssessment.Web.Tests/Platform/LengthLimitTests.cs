namespace CopAssessment.Web.Tests.Platform;

/// <summary>
/// Length limits are named constants (<c>TextLimits</c>, <c>PracticeLimits</c> or the entity's own), so the column,
/// the validator and the form's <c>maxlength</c> cannot drift apart: a number written in one of them would.
/// </summary>
public partial class LengthLimitTests
{
    [GeneratedRegex("""HasMaxLength\(\s*\d|MaximumLength\(\s*\d|\[(?:MaxLength|StringLength)\(\s*\d|maxlength="\d""", RegexOptions.IgnoreCase)]
    private static partial Regex LiteralLimit();

    [Fact]
    public void No_column_validator_or_form_writes_its_length_limit_as_a_number()
    {
        var web = RepositoryPaths.File("src", "CopAssessment.Web");
        var offenders = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cshtml") || f.EndsWith(".cs")) && !f.Contains("/bin/") && !f.Contains("/obj/"))
            .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (f, i, line)))
            .Where(x => LiteralLimit().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(web, x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, "Length limits written as numbers:\n" + string.Join("\n", offenders));
    }
}
