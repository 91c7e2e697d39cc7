using System.Reflection;
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

    /// <param name="console">The console; tests pass one that writes to a string.</param>
    /// <param name="clock">The clock of the writing commands and of builds without --now; tests pass a fixed one.</param>
    /// <param name="environment">The environment variables the commands that reach outside services read; tests pass their own.</param>
    public static int Run(string[] args, IAnsiConsole? console = null, TimeProvider? clock = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        console ??= CreateConsole();
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("statussite");
            config.PropagateExceptions();
            // The tool's own version (with the commit it was built from), not the host's: tests run it in-process.
            config.SetApplicationVersion(typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion);
            config.SetInterceptor(new UnknownOptions());
            config.ConfigureConsole(console);
            config.Settings.Registrar.RegisterInstance<TimeProvider>(clock ?? TimeProvider.System);
            config.Settings.Registrar.RegisterInstance(new EnvironmentVariables(environment));

            config.AddCommand<BuildCommand>("build")
                .WithDescription("Validate input/ and build the site into _site/ (all or nothing).")
                .WithExample("build")
                .WithExample("build", "--input", "input", "--output", "_site", "--now", "2026-11-26T12:00:00Z");

            config.AddCommand<InitCommand>("init")
                .WithDescription("Create a content-only status repository that builds at once: input/, a README for the people who post updates, and the publish and pull-request workflows.")
                .WithExample("init", "mystatus", "--title", "\"Acme Status\"", "--base-url", "https://status.acme.example/", "--component", "api=API", "--component", "web=Website")
                .WithExample("init", "demo", "--example");

            config.AddCommand<CompileThemeCommand>("compile-theme")
                .WithDescription("Compile every template of the theme into the cache folder now (a build compiles what it lacks by itself).")
                .WithExample("compile-theme", "--theme", "theme", "--cache", ".statussite-cache");

            config.AddCommand<CheckCommand>("check")
                .WithDescription("Validate input/ like build, plus the incident process rules (late updates, missed 'Next update' promises); writes nothing.")
                .WithExample("check")
                .WithExample("check", "--format", "github")
                .WithExample("check", "--strict", "--now", "2026-11-26T12:00:00Z");

            config.AddBranch("new", branch =>
            {
                branch.SetDescription("Create a content file with the current UTC time.");
                branch.AddCommand<NewIncidentCommand>("incident")
                    .WithDescription("Declare an incident: writes input/incidents/<yyyy>/<date>-<slug>.md with an Investigating update now.")
                    .WithExample("new", "incident", "--title", "\"Elevated API error rates\"", "--severity", "SEV2", "--component", "api=partial_outage")
                    .WithExample("new", "incident", "--title", "\"Dashboard login failures\"", "--severity", "SEV1", "--component", "dashboard=major_outage", "--message", "\"We are investigating failed sign-ins.\"", "--next-update", "30m");
                branch.AddCommand<NewMaintenanceCommand>("maintenance")
                    .WithDescription("Schedule maintenance: writes input/maintenance/<yyyy>/<date>-<slug>.md.")
                    .WithExample("new", "maintenance", "--title", "\"Database upgrade\"", "--from", "2026-12-09T02:00:00Z", "--until", "2026-12-09T04:00:00Z", "--component", "database");
                branch.AddCommand<NewPostmortemCommand>("postmortem")
                    .WithDescription("Write a draft postmortem for an incident, its timeline reconstructed from the incident's updates.")
                    .WithExample("new", "postmortem", "2026-11-26-api-errors");
            });

            config.AddBranch("metrics", branch =>
            {
                branch.SetDescription("Fetch the metrics site.yml lists into input/metrics/.");
                branch.AddCommand<MetricsPullCommand>("pull")
                    .WithDescription("Fetch each metric's series (Datadog with DD_API_KEY, DD_APP_KEY, DD_SITE; New Relic with NEW_RELIC_API_KEY, NEW_RELIC_ACCOUNT_ID, NEW_RELIC_REGION) for its range and recent incidents.")
                    .WithExample("metrics", "pull");
            });

            config.AddCommand<UpdateCommand>("update")
                .WithDescription("Post an update to an open incident, at its place in the file (newest first or oldest first, as the file is written).")
                .WithExample("update", "2026-11-26-api-errors", "--status", "identified", "--message", "\"A deployment caused the errors; we are rolling it back.\"", "--component", "api=degraded_performance", "--next-update", "30m")
                .WithExample("update", "2026-11-26-api-errors", "--status", "monitoring", "--message", "\"Error rates are back to normal; we are watching.\"", "--component", "api=operational");

            config.AddCommand<ResolveCommand>("resolve")
                .WithDescription("Resolve an incident: adds the Resolved update and sets every affected component back to operational.")
                .WithExample("resolve", "2026-11-26-api-errors")
                .WithExample("resolve", "2026-11-26-api-errors", "--message", "\"Error rates have been normal for an hour. This incident is resolved.\"");

            config.AddCommand<NotifyCommand>("notify")
                .WithDescription("Post each incident and maintenance update added since a commit to Slack, Teams and Statuspage-style webhooks (after a publish).")
                .WithExample("notify", "--base", "HEAD~1");

            config.AddBranch("tickets", branch =>
            {
                branch.SetDescription("Track postmortem action items as tickets in GitHub Issues or Jira.");
                branch.AddCommand<TicketsSyncCommand>("sync")
                    .WithDescription("File a ticket for each action item of a published postmortem that names none (GitHub with GITHUB_TOKEN, Jira with JIRA_BASE_URL, JIRA_USER_EMAIL, JIRA_API_TOKEN); prints each 'issue:' value, and writes it into the postmortem with --write. A rerun files nothing twice.")
                    .WithExample("tickets", "sync")
                    .WithExample("tickets", "sync", "--write");
            });

            config.AddBranch("github", branch =>
            {
                branch.SetDescription("Report to GitHub with GITHUB_TOKEN, GITHUB_REPOSITORY and GITHUB_API_URL: the pull-request comment and reminder issues.");
                branch.AddCommand<PullRequestCommentCommand>("pr-comment")
                    .WithDescription("Create or update the one comment on a pull request that says what merging it publishes, and what check reports.")
                    .WithExample("github", "pr-comment", "--base", "origin/main")
                    .WithExample("github", "pr-comment", "--base", "origin/main", "--pr", "42", "--preview-url", "https://github.com/acme/status/actions/runs/1/artifacts/2")
                    .WithExample("github", "pr-comment", "--base", "origin/main", "--body-out", "comment.md")
                    .WithExample("github", "pr-comment", "--body-file", "comment.md", "--pr", "42");
                branch.AddCommand<RemindCommand>("remind")
                    .WithDescription("Open one issue per open SEV1/SEV2 incident whose update is overdue and per overdue postmortem; close it when the cause is gone. Only when site.yml has a 'reminders:' section.")
                    .WithExample("github", "remind");
            });

            config.AddCommand<ServeCommand>("serve")
                .WithDescription("Preview the site on 127.0.0.1: builds, serves, and rebuilds when input/ or the theme changes; shows build errors in the browser.")
                .WithExample("serve")
                .WithExample("serve", "--port", "0");
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

    /// <summary>
    /// The real console; never wraps lines when redirected, so 'path:line: message' stays one line for tools,
    /// and writes no colour codes into a file, a pipe or a terminal whose user set NO_COLOR (no-color.org).
    /// </summary>
    private static IAnsiConsole CreateConsole()
    {
        var plain = Console.IsOutputRedirected || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        var console = AnsiConsole.Create(plain
            ? new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors }
            : new AnsiConsoleSettings());
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = 4096;
        }

        return console;
    }
}

/// <summary>The environment variables, or the tests' stand-in for them.</summary>
internal sealed class EnvironmentVariables(IReadOnlyDictionary<string, string>? values)
{
    /// <summary>The variable's value; null when it is unset or empty, as Actions leaves a secret that is not configured.</summary>
    public string? this[string name] =>
        (values is null ? Environment.GetEnvironmentVariable(name) : values.GetValueOrDefault(name)) is { Length: > 0 } value ? value : null;
}

/// <summary>A mistake in the command line itself (exit code 2).</summary>
internal sealed class UsageException(string message) : Exception(message);
