using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using StatusSite.Authoring;
using StatusSite.Integrations;
using StatusSite.Integrations.GitHub;
using StatusSite.Integrations.Tickets;
using StatusSite.Model;

namespace StatusSite.Cli;

internal sealed class TicketsSyncSettings : ServiceCallSettings
{
    [CommandOption("--write")]
    [Description("Write each 'issue:' value into its postmortem (one added line per action item) instead of only printing it.")]
    public bool Write { get; init; }

    [CommandOption("--github-token <TOKEN>")]
    [Description("Defaults to GITHUB_TOKEN; prefer the variable, as a command line can be seen by other users. Needs 'issues: write'.")]
    public string? GitHubToken { get; init; }

    [CommandOption("--repository <OWNER/NAME>")]
    [Description("The repository the issues are filed in. Defaults to GITHUB_REPOSITORY, then site.yml's repository.")]
    public string? Repository { get; init; }

    [CommandOption("--github-api-url <URL>")]
    [Description("Defaults to GITHUB_API_URL, then https://api.github.com (GitHub Enterprise: https://<host>/api/v3).")]
    public string? GitHubApiUrl { get; init; }

    [CommandOption("--jira-base-url <URL>")]
    [Description("Defaults to JIRA_BASE_URL, such as https://acme.atlassian.net.")]
    public string? JiraBaseUrl { get; init; }

    [CommandOption("--jira-user-email <EMAIL>")]
    [Description("Defaults to JIRA_USER_EMAIL.")]
    public string? JiraUserEmail { get; init; }

    [CommandOption("--jira-api-token <TOKEN>")]
    [Description("Defaults to JIRA_API_TOKEN; prefer the variable.")]
    public string? JiraApiToken { get; init; }

}

/// <summary>
/// <c>statussite tickets sync</c>: a ticket for each action item of a published postmortem that names none, filed once
/// (a rerun finds it by its marker), its <c>issue:</c> value printed and, with --write, written into the postmortem.
/// </summary>
internal sealed class TicketsSyncCommand(IAnsiConsole console, TimeProvider clock, EnvironmentVariables environment) : AsyncCommand<TicketsSyncSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, TicketsSyncSettings settings, CancellationToken cancellationToken)
    {
        var (model, bag) = SiteBuilder.Analyze(settings.Input, settings.ResolveNow(clock));
        if (model is null)
        {
            var diagnostics = bag.Sorted();
            DiagnosticPrinter.PrintGrouped(console, diagnostics);
            DiagnosticPrinter.PrintSummary(console, diagnostics, null);
            return CliApp.ContentErrors;
        }

        using var tracker = Tracker(settings, model.Settings, new RetryingHandler(settings.Policy, clock), out var skipped);
        if (tracker is null)
        {
            console.WriteLine(skipped!);
            return CliApp.Success;
        }

        var pending = ActionItemTicket.Pending(model);
        console.WriteLine($"{Counted.Of(pending.Count, "action item")} of published postmortems without a ticket.");
        var result = await TicketSync.SyncAsync(tracker, pending, cancellationToken).ConfigureAwait(false);
        foreach (var synced in result.Synced)
        {
            var item = synced.Ticket.Item;
            console.WriteLine($"{synced.Ticket.Postmortem.Source.SourcePath}:{item.Line}: issue: {synced.Issue} ({(synced.Created ? "created" : "found, filed earlier")}) {item.Title}");
        }

        var code = CliApp.Success;
        if (result.Failure is { } failure)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {(tracker).Name}: {failure}; {result.Synced.Count} of {pending.Count} action items synced. A rerun files none of them twice.");
            code = CliApp.ContentErrors;
        }

        if (settings.Write)
        {
            code = Math.Max(code, WriteBack(settings.Input, result.Synced));
        }
        else if (result.Synced.Count > 0)
        {
            console.WriteLine("Nothing written; run with --write to add these 'issue:' lines to the postmortems.");
        }

        return code;
    }

    /// <summary>Each postmortem's items, bottom up so the lines of those above stay where they were read; one atomic write per file.</summary>
    private int WriteBack(string input, IReadOnlyList<SyncedTicket> synced)
    {
        var files = ContentFiles.Find(input, "postmortems");
        var code = CliApp.Success;
        foreach (var group in synced.GroupBy(s => s.Ticket.Postmortem.Id))
        {
            var path = files[group.Key];
            var display = group.First().Ticket.Postmortem.Source.SourcePath;
            var text = File.ReadAllText(path);
            foreach (var item in group.OrderByDescending(s => s.Ticket.Item.Line))
            {
                var edit = ContentAuthoring.SetIssue(display, text, item.Ticket.Item, item.Issue);
                if (!edit.Succeeded)
                {
                    DiagnosticPrinter.PrintGrouped(console, edit.Diagnostics);
                    code = CliApp.ContentErrors;
                    continue;
                }

                text = edit.Text!;
            }

            AtomicFileWriter.Write(path, text, overwrite: true);
            console.WriteLine($"{display}: wrote {Counted.Of(group.Count(), "issue: line")}.");
        }

        return code;
    }

    /// <summary>The configured tracker with its credentials; null, with the one line that says why, when it is skipped.</summary>
    private ITicketTracker? Tracker(TicketsSyncSettings settings, SiteSettings site, HttpMessageHandler handler, out string? skipped)
    {
        skipped = null;
        switch (site.Tickets.Tracker)
        {
            case TicketTracker.Github:
                var github = TrackerCredentials.GitHub(environment, settings.GitHubToken, settings.GitHubApiUrl, settings.Repository ?? environment["GITHUB_REPOSITORY"] ?? site.Repository, out skipped);
                return github is null ? null : new GitHubTracker(github, site.Repository, handler);
            case TicketTracker.Jira:
                var jira = TrackerCredentials.Jira(environment, settings.JiraBaseUrl, settings.JiraUserEmail, settings.JiraApiToken, out skipped);
                return jira is null ? null : new JiraTracker(jira, site.Tickets, handler);
            default:
                skipped = "Tickets: skipped, site.yml names no tracker; set 'repository: owner/name' for GitHub Issues, or 'tickets: { tracker: jira, project: OPS, jira_url: https://acme.atlassian.net }'.";
                return null;
        }
    }
}

/// <summary>The trackers' credentials from flags and the environment: a missing secret skips its tracker with one line, and no message holds a secret.</summary>
internal static class TrackerCredentials
{
    public static GitHubAccess? GitHub(EnvironmentVariables environment, string? tokenFlag, string? apiUrlFlag, string? repository, out string? skipped)
    {
        skipped = null;
        var token = tokenFlag ?? environment["GITHUB_TOKEN"];
        if (token is null)
        {
            skipped = "GitHub: skipped, GITHUB_TOKEN is not set.";
            return null;
        }

        if (repository is null || !IsRepository(repository))
        {
            throw new UsageException(repository is null
                ? "no GitHub repository is named; set GITHUB_REPOSITORY or site.yml's 'repository', or pass --repository owner/name"
                : $"the repository '{repository}' is not 'owner/name'; write it as GitHub shows it, such as 'acme/status'");
        }

        return new GitHubAccess(GitHubApiUrl(environment, apiUrlFlag, "--github-api-url"), token, repository);
    }

    /// <summary>The flag named <paramref name="flagName"/>, else GITHUB_API_URL, else github.com's API; an address that is not http(s) is a usage error.</summary>
    public static Uri GitHubApiUrl(EnvironmentVariables environment, string? flag, string flagName)
    {
        var (text, source) = flag is not null ? (flag, flagName)
            : environment["GITHUB_API_URL"] is { } variable ? (variable, "GITHUB_API_URL")
            : (GitHubApi.DefaultApiUrl, "");
        return GitHubApi.ApiBase(text) ?? throw new UsageException($"{source}: '{text}' is not an absolute http or https address; write one such as {GitHubApi.DefaultApiUrl} or https://github.example.com/api/v3");
    }

    public static JiraAccess? Jira(EnvironmentVariables environment, string? baseUrlFlag, string? emailFlag, string? tokenFlag, out string? skipped)
    {
        skipped = null;
        var (baseUrl, email, token) = (baseUrlFlag ?? environment["JIRA_BASE_URL"], emailFlag ?? environment["JIRA_USER_EMAIL"], tokenFlag ?? environment["JIRA_API_TOKEN"]);
        var missing = new[] { ("JIRA_BASE_URL", baseUrl), ("JIRA_USER_EMAIL", email), ("JIRA_API_TOKEN", token) }.Where(v => v.Item2 is null).Select(v => v.Item1).ToList();
        if (missing.Count > 0)
        {
            skipped = $"Jira: skipped, {string.Join(" and ", missing)} {(missing.Count == 1 ? "is" : "are")} not set.";
            return null;
        }

        return new JiraAccess(WebAddress(baseUrlFlag is null ? "JIRA_BASE_URL" : "--jira-base-url", baseUrl!), email!, token!);
    }

    /// <summary>An absolute http(s) address; the message names where the value came from, not the value.</summary>
    private static Uri WebAddress(string source, string value) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri
        : throw new UsageException($"{source} is not an absolute http or https address; write one such as 'https://acme.atlassian.net'");

    /// <summary>Whether the text is 'owner/name' as GitHub spells repositories.</summary>
    public static bool IsRepository(string repository) => GitHubRepository.Parse(repository) is not null;
}
