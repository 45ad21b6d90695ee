namespace CopAssessment.Web.Tests.Platform;

/// <summary>
/// The README's run command must install what the app's own work needs (Chromium for PDF reports, the
/// Noto fonts for Arabic and Chinese), from the same list the test command uses, so that a newcomer's
/// first PDF export is produced.
/// </summary>
public class SetupScriptTests
{
    private static string Script(string name) => File.ReadAllText(RepositoryPaths.File("scripts", name));

    [Fact]
    public void Run_command_installs_the_apps_packages_before_serving()
    {
        var run = Script("run.sh");
        var install = run.IndexOf("scripts/install-deps.sh app", StringComparison.Ordinal);
        Assert.True(install >= 0, "scripts/run.sh does not call scripts/install-deps.sh app");
        Assert.True(install < run.IndexOf("dotnet run", StringComparison.Ordinal), "run.sh installs after starting the app");
        Assert.Contains("scripts/install-deps.sh test", Script("test.sh"));
    }

    [Fact]
    public void App_profile_names_chromium_when_it_is_missing()
    {
        // A PATH with nothing but the shell tools the script uses: chromium cannot be found there.
        var bin = Directory.CreateTempSubdirectory("cop-path-").FullName;
        foreach (var tool in new[] { "ls", "printf" })
        {
            var real = Which(tool);
            if (real is not null) File.CreateSymbolicLink(Path.Combine(bin, tool), real);
        }
        var missing = CheckMissing("app", bin);
        Assert.Contains("chromium", missing);
        Assert.DoesNotContain("poppler-utils", missing);
    }

    [Fact]
    public void Nothing_the_tests_and_the_app_need_is_missing_after_the_install_step()
    {
        // scripts/test.sh ran the install step before this test: the same check must now find nothing.
        Assert.Empty(CheckMissing("test", Environment.GetEnvironmentVariable("PATH")!));
    }

    private static string[] CheckMissing(string profile, string path)
    {
        var start = new ProcessStartInfo("/bin/bash", [RepositoryPaths.File("scripts", "install-deps.sh"), "--check", profile])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PATH"] = path;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string? Which(string tool) =>
        Environment.GetEnvironmentVariable("PATH")!.Split(':').Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
}
