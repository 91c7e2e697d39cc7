using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;
using Spectre.Console.Cli;
using StatusSite.Core;
using StatusSite.Integrations;
using StatusSite.Integrations.Tickets;
using StatusSite.Model;
using StatusSite.Publishing;

namespace StatusSite.Cli;

internal sealed class BuildSettings : RenderSettings
{
    [CommandOption("-o|--output <FOLDER>")]
    [Description("Where the site is written. It is replaced only when the whole build succeeds, and only if it is missing, empty, or written by an earlier build (it holds a " + OutputFolder.MarkerName + " file).")]
    [DefaultValue("_site")]
    public string Output { get; init; } = "_site";

    [CommandOption("--format <FORMAT>")]
    [Description("How errors and warnings are printed: " + DiagnosticPrinter.FormatDescription)]
    [DefaultValue("text")]
    public string Format { get; init; } = "text";

    [CommandOption("--no-ticket-state")]
    [Description("Read no ticket states from GitHub or Jira even with credentials: the pages show the statuses the postmortems give, and the build is reproducible.")]
    public bool NoTicketState { get; init; }

    [CommandOption("--stats <FILE>")]
    [Description("Also write the build's stage times, sizes, peak memory, garbage collections, bytes allocated and JIT work as JSON (used by the benchmark).")]
    public string? Stats { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Output) ? ValidationResult.Error("--output: give the folder to write the site to, such as _site") : base.Validate();
}

/// <summary><c>statussite build</c>: validate, then render and write the whole site or nothing.</summary>
internal sealed class BuildCommand(IAnsiConsole console, TimeProvider clock, EnvironmentVariables environment) : AsyncCommand<BuildSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, BuildSettings settings, CancellationToken cancellationToken)
    {
        var format = DiagnosticPrinter.ParseFormat(settings.Format);
        var skipped = new List<(TicketTracker Tracker, string Line)>();
        var tickets = settings.NoTicketState ? null : TicketReader(skipped);
        var options = new BuildOptions(settings.Input, settings.Output, ThemeLocator.Resolve(settings.Theme), settings.Cache, settings.ResolveNow(clock), SiteTheme: !settings.NoSiteTheme, Tickets: tickets);
        var build = SiteBuilder.BuildAsync(options);
        BuildResult result;
        try
        {
            // A spinner only for builds long enough to wonder about (a cold template compile), and only on a terminal.
            if (await Task.WhenAny(build, Task.Delay(TimeSpan.FromSeconds(1), cancellationToken)).ConfigureAwait(false) != build
                && console.Profile.Capabilities.Interactive)
            {
                await console.Status().StartAsync("Building the site…", _ => build).ConfigureAwait(false);
            }

            result = await build.ConfigureAwait(false);
        }
        catch (OutputRefusedException e)
        {
            throw new UsageException($"--output: {e.Message}");
        }

        if (format == "github")
        {
            DiagnosticPrinter.PrintGitHub(console, result.Diagnostics);
        }
        else
        {
            DiagnosticPrinter.Print(console, result.Diagnostics);
        }

        if (!result.Succeeded)
        {
            var errors = result.Diagnostics.Count(d => d.Level == DiagnosticLevel.Error);
            console.MarkupLineInterpolated($"[red]Build failed with {Counted.Of(errors, "error")}; nothing was written and {settings.Output}/ is unchanged.[/]");
            return CliApp.ContentErrors;
        }

        var model = result.Model!;
        if (!settings.NoTicketState)
        {
            PrintTicketState(model, tickets, skipped);
        }

        var t = result.Timings;
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"Built {Counted.Of(model.Incidents.Count, "incident")} and {Counted.Of(model.Maintenances.Count, "maintenance window")} into {settings.Output}/: {Counted.Of(result.Pages, "page")}, {Counted.Of(result.Files, "file")}, {result.Bytes / 1024.0:0.0} KB in {t.TotalMs} ms (read {t.ReadMs} ms, analyse {t.AnalyzeMs} ms, render and write {t.RenderAndWriteMs} ms, of which HTML and link check {t.CheckMs} ms summed over threads).");
        if (settings.Stats is not null)
        {
            WriteStats(settings.Stats, result);
        }

        return CliApp.Success;
    }

    /// <summary>
    /// The reader of the linked tickets' states, with a tracker for each set of credentials present; null without any,
    /// so a build without credentials creates no client and awaits nothing. <paramref name="skipped"/> says what was left out.
    /// </summary>
    private TicketStateReader? TicketReader(List<(TicketTracker Tracker, string Line)> skipped)
    {
        // The API address is checked before the build starts: a wrong GITHUB_API_URL is a usage error (exit 2), not a page.
        var github = environment["GITHUB_TOKEN"];
        var githubApi = github is null ? null : TrackerCredentials.GitHubApiUrl(environment, null, "--github-api-url");
        if (github is null)
        {
            skipped.Add((TicketTracker.Github, "GitHub: skipped, GITHUB_TOKEN is not set."));
        }

        var jira = TrackerCredentials.Jira(environment, null, null, null, out var jiraSkipped);
        if (jiraSkipped is not null)
        {
            skipped.Add((TicketTracker.Jira, jiraSkipped));
        }

        if (github is null && jira is null)
        {
            return null;
        }

        var options = TicketReadOptions.Default;
        return new TicketStateReader(
            site =>
            {
                // No retries: the budget is shorter than any backoff worth waiting for; what does not answer in time is shown from the front matter.
                var once = RetryPolicy.Default with { MaxRetries = 0, AttemptTimeout = options.Budget };
                var trackers = new List<ITicketTracker>();
                // Issue numbers link into site.yml's repository; without a usable one there is nothing to read on GitHub.
                if (github is not null && site.Repository is { } repository && TrackerCredentials.IsRepository(repository))
                {
                    trackers.Add(new GitHubTracker(new GitHubAccess(githubApi!, github, repository), repository, new RetryingHandler(once, clock)));
                }

                if (jira is not null)
                {
                    trackers.Add(new JiraTracker(jira, site.Tickets, new RetryingHandler(once, clock)));
                }

                return trackers;
            },
            options,
            clock);
    }

    /// <summary>One line on the ticket states when the postmortems link tickets: how many were read, or why not.</summary>
    private void PrintTicketState(SiteModel model, TicketStateReader? reader, List<(TicketTracker Tracker, string Line)> skipped)
    {
        var items = model.Postmortems.SelectMany(p => p.ActionItems).Select(a => a.Source).ToList();
        foreach (var (tracker, line) in skipped)
        {
            // Only for a tracker the postmortems link: a site without Jira keys never hears of Jira.
            if (items.Any(a => tracker == TicketTracker.Github ? a.IssueNumber is not null : a.IssueKey is not null))
            {
                console.WriteLine($"Ticket states from {line} The postmortem pages show the statuses their files give.");
            }
        }

        foreach (var problem in reader?.Problems.Distinct() ?? [])
        {
            console.MarkupLineInterpolated($"[yellow]warning:[/] ticket states: {problem}; those tickets show the statuses their postmortems give.");
        }
    }

    private static void WriteStats(string path, BuildResult result)
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var t = result.Timings;
        var stats = new BuildStats(t.ReadMs, t.AnalyzeMs, t.RenderAndWriteMs, t.TotalMs, t.CheckMs, result.Pages, result.Files, result.Bytes, process.PeakWorkingSet64, GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), (long)GC.GetTotalPauseDuration().TotalMilliseconds, GC.GetTotalAllocatedBytes(),
            System.Runtime.JitInfo.GetCompiledMethodCount(), (long)System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds);
        File.WriteAllText(path, JsonSerializer.Serialize(stats, BuildStatsJson.Default.BuildStats) + "\n");
    }
}

/// <summary>What --stats writes: stage times, sizes, the process's peak working set, its garbage collections and allocation, and its JIT work.</summary>
/// <param name="CheckMs">CPU time of the HTML and link check, summed over threads: on a shared machine a steadier figure than wall time.</param>
internal sealed record BuildStats(long ReadMs, long AnalyzeMs, long RenderAndWriteMs, long TotalMs, long CheckMs, int Pages, int Files, long Bytes, long PeakWorkingSetBytes, int Gen0Collections, int Gen1Collections, int Gen2Collections, long GcPauseMs, long AllocatedBytes, long JitMethods, long JitMs);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(BuildStats))]
internal sealed partial class BuildStatsJson : JsonSerializerContext;
