using System.Diagnostics;
using Spectre.Console;
using StatusSite.Cli;

namespace StatusSite.Tests.Support;

/// <summary>A clock that always says the same time, for commands that write 'now'.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>What a command printed and returned.</summary>
internal sealed record CliRun(int ExitCode, string Output)
{
    public string[] Lines => Output.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Runs the statussite command line in-process (a string console, a fixed clock) or as the built tool.</summary>
internal static class CliRunner
{
    /// <summary>Runs in-process with no environment variables for the commands that reach outside services, so no test reads a real token, key or webhook.</summary>
    public static CliRun Run(DateTimeOffset now, params string[] args) => Run(now, new Dictionary<string, string>(), args);

    /// <summary>Runs in-process with <paramref name="environment"/> as the only environment variables those commands see.</summary>
    public static CliRun Run(DateTimeOffset now, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 4096;
        var code = CliApp.Run(args, console, new FixedClock(now), environment);
        return new CliRun(code, writer.ToString());
    }

    /// <summary>Runs in-process at the tests' default clock.</summary>
    public static CliRun Run(params string[] args) => Run(TestSite.Parse(TestSite.DefaultNow), args);

    /// <summary>Arguments that build <paramref name="site"/> with the repository's theme and the shared template cache.</summary>
    public static string[] BuildArgs(TestSite site, string now = TestSite.DefaultNow) =>
        ["build", "--input", site.Input, "--output", site.Output, "--now", now, "--theme", TestSite.ThemeDir, "--cache", TestSite.CacheDir];

    /// <summary>The test binaries' configuration (Debug or Release), which the tool was built in too.</summary>
    public static string Configuration => new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    /// <summary>The built tool, next to the test binaries' configuration (Debug or Release).</summary>
    public static string ToolPath
    {
        get
        {
            var built = Path.Combine(TestSite.RepoRoot, "src", "StatusSite.Cli", "bin", Configuration, "net10.0", "StatusSite.Cli.dll");
            return File.Exists(built) ? built : Path.Combine(AppContext.BaseDirectory, "StatusSite.Cli.dll");
        }
    }

    /// <summary>The variables through which the tool reaches GitHub, Jira, chat, webhooks, Datadog and New Relic.</summary>
    public static readonly IReadOnlyList<string> OutsideServiceVariables =
    [
        "GITHUB_TOKEN", "GITHUB_REPOSITORY", "GITHUB_API_URL", "GITHUB_EVENT_PATH",
        "JIRA_BASE_URL", "JIRA_USER_EMAIL", "JIRA_API_TOKEN",
        "SLACK_WEBHOOK_URL", "TEAMS_WEBHOOK_URL", "STATUS_WEBHOOK_URLS",
        "DD_API_KEY", "DD_APP_KEY", "DD_SITE", "NEW_RELIC_API_KEY", "NEW_RELIC_ACCOUNT_ID", "NEW_RELIC_REGION",
    ];

    public static ProcessStartInfo StartInfo(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(ToolPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["NO_COLOR"] = "1";
        info.Environment.Remove("SOURCE_DATE_EPOCH");

        // Tests never touch the network: a token or webhook the test runner happens to hold (as in a CI job) must not
        // send the tool to a real service. A test that needs one sets it, pointing at a fake server.
        foreach (var name in OutsideServiceVariables)
        {
            info.Environment.Remove(name);
        }

        return info;
    }

    /// <summary>Runs the built tool to completion (bounded, so a hung tool fails the test instead of the run).</summary>
    public static Task<CliRun> RunProcessAsync(string workingDirectory, params string[] args) =>
        RunAsync(StartInfo(workingDirectory, args), TimeSpan.FromMinutes(2));

    /// <summary>Runs a process to completion within <paramref name="timeout"/>; its output and errors together.</summary>
    public static async Task<CliRun> RunAsync(ProcessStartInfo info, TimeSpan timeout)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{info.FileName} {string.Join(' ', info.ArgumentList)} did not finish within {timeout}");
        }

        return new CliRun(process.ExitCode, await stdout + await stderr);
    }
}
