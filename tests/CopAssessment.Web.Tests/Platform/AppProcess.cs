using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CopAssessment.Web.Tests.Platform;

/// <summary>
/// The app as a process of its own (<c>dotnet CopAssessment.Web.dll</c> from the web project's build output), for
/// what only a real process shows: a command-line verb, a crash (<see cref="Kill"/> is SIGKILL, as kill -9).
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>What the process wrote so far (standard output and error).</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static string AppDirectory { get; } = Path.Combine(RepositoryPaths.Root, "src", "CopAssessment.Web", "bin",
        // The configuration this test assembly was built in (…/bin/Release/net10.0/).
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name, "net10.0");

    /// <summary>Starts the app with these settings (environment variables, <c>Section__Key</c>) on a free loopback port.</summary>
    public static AppProcess Start(IDictionary<string, string> settings, params string[] arguments)
    {
        var port = FreePort();
        string[] serve = ["--urls", $"http://127.0.0.1:{port}"];
        var start = StartInfo(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)), arguments.Length == 0 ? serve : arguments, AppDirectory);
        var process = new Process { StartInfo = start };
        var app = new AppProcess(process, port);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>
    /// Runs the app with a command-line verb to its end, as an operator would: the exit code, and standard output and
    /// error apart. A setting whose value is null is removed from the environment (no connection string, say).
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IDictionary<string, string?> settings, string[] arguments,
        string? workingDirectory = null, TimeSpan? timeout = null)
    {
        using var process = Process.Start(StartInfo(settings, arguments, workingDirectory ?? AppDirectory))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>
    /// <c>dotnet CopAssessment.Web.dll</c> with <paramref name="arguments"/>, its output captured, in the Testing
    /// environment with warnings only unless <paramref name="settings"/> say otherwise (a null value removes a variable).
    /// </summary>
    private static ProcessStartInfo StartInfo(IEnumerable<KeyValuePair<string, string?>> settings, IEnumerable<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppDirectory, "CopAssessment.Web.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            if (value is null) start.Environment.Remove(key);
            else start.Environment[key] = value;
        }
        return start;
    }

    /// <summary>Waits until the app answers /health/live; fails with its output if it exits or takes too long.</summary>
    public async Task WaitUntilServingAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The app exited ({_process.ExitCode}):\n{Output}");
            try
            {
                if ((await http.GetAsync(BaseUrl + "/health/live")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The app did not answer within {timeout}:\n{Output}");
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL to the app and what it started (its Chromium): nothing runs its shutdown, as in a crash.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
