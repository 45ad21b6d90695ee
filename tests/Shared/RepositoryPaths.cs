namespace CopAssessment.Tests;

/// <summary>Files of the repository the tests run from (samples, sources, artifacts).</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>A folder under artifacts/ for files a person may want to look at after the run.</summary>
    public static string Artifacts(string name)
    {
        var path = File("artifacts", name);
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "CopAssessment.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root (CopAssessment.sln) not found above " + AppContext.BaseDirectory);
    }
}
