namespace CopAssessment.Domain.Tests.Support;

public static class RepositoryFiles
{
    /// <summary>The folder holding CopAssessment.sln, found by walking up from the test binaries.</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CopAssessment.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"No CopAssessment.sln above {AppContext.BaseDirectory}.");
        }
    }

    public static string PathOf(string relative) => System.IO.Path.Combine(Root, relative);

    /// <summary>The fenced ```json blocks of a Markdown file, in order.</summary>
    public static IReadOnlyList<string> JsonBlocks(string markdownRelativePath)
    {
        var blocks = new List<string>();
        var lines = File.ReadAllLines(PathOf(markdownRelativePath));
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "```json")
            {
                continue;
            }

            var block = new List<string>();
            for (i++; i < lines.Length && lines[i].Trim() != "```"; i++)
            {
                block.Add(lines[i]);
            }

            blocks.Add(string.Join('\n', block));
        }

        return blocks;
    }
}
