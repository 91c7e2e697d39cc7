using Spectre.Console;
using Spectre.Console.Cli;

namespace StatusSite.Cli;

/// <summary>The composition root: the only place that reads the real clock and the environment.</summary>
internal static class CliApp
{
    /// <summary>Exit codes: 0 success, 1 content errors, 2 usage errors.</summary>
    public const int Success = 0;
    public const int ContentErrors = 1;
    public const int UsageError = 2;

    public static int Run(string[] args, IAnsiConsole? console = null)
    {
        console ??= CreateConsole();
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("statussite");
            config.PropagateExceptions();
            config.ConfigureConsole(console);

            config.AddCommand<BuildCommand>("build")
                .WithDescription("Validate input/ and build the site into _site/ (all or nothing).")
                .WithExample("build")
                .WithExample("build", "--input", "input", "--output", "_site", "--now", "2026-11-26T12:00:00Z");

            config.AddBranch("new", branch =>
            {
                branch.SetDescription("Write a correctly formatted new content file.");
                branch.AddCommand<NewPostmortemCommand>("postmortem")
                    .WithDescription("Write a draft postmortem for an incident, its timeline reconstructed from the incident's updates.")
                    .WithExample("new", "postmortem", "2026-11-26-api-errors");
            });
        });

        try
        {
            return app.Run(args);
        }
        catch (Exception e) when (e is CommandParseException or CommandRuntimeException or UsageException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return UsageError;
        }
    }

    /// <summary>The real console; never wraps lines when redirected, so 'path:line: message' stays one line for tools.</summary>
    private static IAnsiConsole CreateConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings());
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = 4096;
        }

        return console;
    }
}

/// <summary>A mistake in the command line itself (exit code 2).</summary>
internal sealed class UsageException(string message) : Exception(message);
