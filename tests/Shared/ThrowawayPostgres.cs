using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CopAssessment.Tests;

/// <summary>
/// A PostgreSQL cluster of a test's own, in a temporary folder on a free port of 127.0.0.1, for tests that stop or
/// restart the database (the shared cluster other tests run on must stay up). Found and run as scripts/pg-local.sh
/// does: the newest server binaries under /usr/lib/postgresql (or PG_BINDIR), owned by the postgres user when the
/// tests run as root. Trust authentication is safe here: the cluster listens on loopback only and is deleted after.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _dir;

    private ThrowawayPostgres(string bin, string dir, int port) => (_bin, _dir, Port) = (bin, dir, port);

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Database=postgres;Username=postgres";

    private string Data => Path.Combine(_dir, "data");

    public static async Task<ThrowawayPostgres> StartAsync()
    {
        var bin = new[] { Environment.GetEnvironmentVariable("PG_BINDIR") }
            .Concat(Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                    .Select(d => Path.Combine(d, "bin"))
                : [])
            .FirstOrDefault(d => !string.IsNullOrEmpty(d) && File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            ?? throw new InvalidOperationException("PostgreSQL server binaries (initdb, pg_ctl) were not found; set PG_BINDIR.");
        var dir = Path.Combine(Path.GetTempPath(), "cop-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        if (Environment.UserName == "root") await RunAsync("chown", "postgres:", dir);
        var cluster = new ThrowawayPostgres(bin, dir, FreePort());
        await cluster.AsOwnerAsync("initdb", "-D", cluster.Data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        await cluster.StartServerAsync();
        return cluster;
    }

    public Task StartServerAsync() => AsOwnerAsync("pg_ctl", "-D", Data, "-l", Path.Combine(_dir, "server.log"), "-w", "-t", "60",
        "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -k {_dir} -c fsync=off -c max_connections=200", "start");

    /// <summary>What an operator's restart does: fast shutdown (open sessions are ended) and start again (the server's
    /// output to the log file: -l is honoured by restart too, though its usage line does not list it).</summary>
    public Task RestartAsync() => AsOwnerAsync("pg_ctl", "-D", Data, "-l", Path.Combine(_dir, "server.log"), "-m", "fast", "-w", "-t", "60", "restart");

    public Task StopServerAsync() => AsOwnerAsync("pg_ctl", "-D", Data, "-m", "fast", "-w", "-t", "60", "stop");

    public async ValueTask DisposeAsync()
    {
        try { await AsOwnerAsync("pg_ctl", "-D", Data, "-m", "immediate", "-w", "stop"); }
        catch (InvalidOperationException) { } // already stopped
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { }
    }

    private Task AsOwnerAsync(string program, params string[] arguments) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, program), .. arguments])
            : RunAsync(Path.Combine(_bin, program), arguments);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await error}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
