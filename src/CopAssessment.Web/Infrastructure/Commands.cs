namespace CopAssessment.Web.Infrastructure;

/// <summary>
/// Command-line verbs: <c>migrate</c> applies migrations and seed data and exits (the production way
/// to upgrade the schema); features add theirs through <see cref="ICommand"/>.
/// </summary>
public static class Commands
{
    public const string NoDatabase =
        "error: no database configured: set ConnectionStrings__Cop to a PostgreSQL connection string (scripts/run.sh starts a local cluster).";

    public static async Task<bool> RunCommandAsync(this WebApplication app, string[] args)
    {
        // A verb comes first; anything after it that looks like a host option (--urls …) is not ours.
        if (args.Length == 0 || args[0].StartsWith('-') || args[0].Contains('=')) return false;
        var verbs = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();

        var databaseConfigured = !string.IsNullOrWhiteSpace(app.Configuration.GetConnectionString("Cop"));
        if (verbs[0] == "migrate")
        {
            try
            {
                await DatabaseSetup.MigrateAndSeedAsync(app.Services);
                Console.WriteLine("Migrations applied and reference data seeded.");
            }
            catch (DatabaseUnavailableException ex)
            {
                Console.Error.WriteLine("error: " + ex.Message);
                Environment.ExitCode = 2;
            }
            return true;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var command = scope.ServiceProvider.GetServices<ICommand>().FirstOrDefault(c => c.Verb == verbs[0]);
        if (command is null)
        {
            Console.Error.WriteLine($"Unknown command '{verbs[0]}'. Known: migrate, " +
                string.Join(", ", scope.ServiceProvider.GetServices<ICommand>().Select(c => c.Verb)));
            Environment.ExitCode = 2;
            return true;
        }
        if (command.NeedsDatabase(verbs[1..]) && !databaseConfigured)
        {
            Console.Error.WriteLine(NoDatabase);
            Environment.ExitCode = 2;
            return true;
        }
        Environment.ExitCode = await command.RunAsync(verbs[1..], Console.Out, Console.Error);
        return true;
    }
}

public interface ICommand
{
    string Verb { get; }

    /// <summary>Whether these arguments need the database (a command that only reads files must run without one).</summary>
    bool NeedsDatabase(string[] args);

    Task<int> RunAsync(string[] args, TextWriter output, TextWriter error);
}
