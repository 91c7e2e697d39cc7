using Spectre.Console;
using StatusSite.Cli;

namespace StatusSite.Tests.Support;

/// <summary>Runs the statussite command line in-process and captures what it prints.</summary>
internal static class CliRunner
{
    private static readonly Lock ConsoleLock = new();

    public static (int ExitCode, string Output) Run(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 4096;
        lock (ConsoleLock)
        {
            var code = CliApp.Run(args, console);
            return (code, writer.ToString());
        }
    }

    /// <summary>Arguments that build <paramref name="site"/> with the repository's theme and the shared template cache.</summary>
    public static string[] BuildArgs(TestSite site, string now = TestSite.DefaultNow) =>
        ["build", "--input", site.Input, "--output", site.Output, "--now", now, "--theme", TestSite.ThemeDir, "--cache", TestSite.CacheDir];
}
