using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using StatusSite.Core;
using StatusSite.Integrations;
using StatusSite.Presentation;

namespace StatusSite.Cli;

internal sealed class NotifySettings : ServiceCallSettings
{
    [CommandOption("--base <GIT-REF>")]
    [Description("The commit published before: every incident and maintenance update present now and absent there is posted.")]
    public string? Base { get; init; }

    [CommandOption("--theme <FOLDER>")]
    [Description("The theme whose strings word the messages. Defaults to ./theme, else the theme shipped with the tool.")]
    public string? Theme { get; init; }

    [CommandOption("--no-site-theme")]
    [Description(RenderSettings.NoSiteThemeDescription)]
    public bool NoSiteTheme { get; init; }

    [CommandOption("--slack-webhook <URL>")]
    [Description("The Slack incoming webhook. Defaults to SLACK_WEBHOOK_URL; prefer the variable, as a command line can be seen by other users.")]
    public string? SlackWebhook { get; init; }

    [CommandOption("--teams-webhook <URL>")]
    [Description("The Teams Workflows webhook. Defaults to TEAMS_WEBHOOK_URL.")]
    public string? TeamsWebhook { get; init; }

    [CommandOption("--webhook <URL>")]
    [Description("A generic subscriber that receives Statuspage-shaped webhooks; repeat for more. Defaults to STATUS_WEBHOOK_URLS (space-separated).")]
    public string[]? Webhooks { get; init; }


    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Base) ? ValidationResult.Error("--base is missing; give the commit published before, such as --base HEAD~1")
        : base.Validate();
}

/// <summary>
/// <c>statussite notify</c>: posts each incident and maintenance update added since a commit to Slack, Teams and generic
/// webhooks. A target without a URL is skipped; a failing target is reported and never stops the others.
/// </summary>
internal sealed class NotifyCommand(IAnsiConsole console, TimeProvider clock, EnvironmentVariables environment) : AsyncCommand<NotifySettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, NotifySettings settings, CancellationToken cancellationToken)
    {
        var now = settings.ResolveNow(clock);
        var themeDir = ThemeLocator.Resolve(settings.Theme);
        var (head, bag) = SiteBuilder.Analyze(settings.Input, now, themeDir: themeDir, siteTheme: !settings.NoSiteTheme);
        if (head is null || SiteBuilder.Strings(settings.Input, themeDir, head, bag, !settings.NoSiteTheme) is not { } strings)
        {
            DiagnosticPrinter.PrintGrouped(console, bag.Sorted());
            return CliApp.ContentErrors;
        }

        var @base = await BaseContent.ReadAsync(settings.Input, settings.Base!, now, cancellationToken);
        if (!@base.Builds)
        {
            DiagnosticPrinter.PrintGrouped(console, @base.Diagnostics.Sorted());
            console.MarkupLineInterpolated($"[red]error:[/] the content at {settings.Base} does not build, so what is new since then is unknown; give the commit published last as --base");
            return CliApp.ContentErrors;
        }

        var view = new SiteView(head, strings);
        var notices = Notices.Between(@base.Model, view);
        var targets = Targets(settings, view, now);
        console.WriteLine($"{Counted.Of(notices.Count, "new update")} since {settings.Base}.");
        if (notices.Count == 0 || targets.Count == 0)
        {
            return CliApp.Success;
        }

        using var http = new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        var sender = new WebhookSender(http, settings.Policy);
        foreach (var report in await sender.SendAsync(targets, notices, cancellationToken))
        {
            if (report.Succeeded)
            {
                console.WriteLine($"{report.Target}: posted {Counted.Of(report.Posted, "message")}.");
            }
            else
            {
                console.MarkupLineInterpolated($"[yellow]warning:[/] {report.Target}: {report.Failure}; posted {report.Posted} of {report.Total} messages. The others were still tried.");
            }
        }

        // A failing target never fails the publish that runs this command: it is reported above.
        return CliApp.Success;
    }

    private List<WebhookTarget> Targets(NotifySettings settings, SiteView view, DateTimeOffset now)
    {
        var targets = new List<WebhookTarget>();
        void Add(string name, string? url, string variable, Func<Notice, IReadOnlyList<System.Text.Json.Nodes.JsonObject>> bodies)
        {
            if (string.IsNullOrWhiteSpace(url))
            {
                console.WriteLine($"{name}: skipped, {variable} is not set.");
            }
            else if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                // The value is a secret: the message names where it came from, never what it is.
                throw new UsageException($"{name}: the URL in {variable} is not an absolute http or https URL; copy the whole webhook URL");
            }
            else
            {
                targets.Add(new WebhookTarget(name, uri, bodies));
            }
        }

        Add("Slack", settings.SlackWebhook ?? environment["SLACK_WEBHOOK_URL"], settings.SlackWebhook is null ? "SLACK_WEBHOOK_URL" : "--slack-webhook", n => [Payloads.Slack(n)]);
        Add("Teams", settings.TeamsWebhook ?? environment["TEAMS_WEBHOOK_URL"], settings.TeamsWebhook is null ? "TEAMS_WEBHOOK_URL" : "--teams-webhook", n => [Payloads.Teams(n)]);
        var generic = settings.Webhooks is { Length: > 0 } flags
            ? flags
            : (environment["STATUS_WEBHOOK_URLS"] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (generic.Length == 0)
        {
            Add("Webhooks", null, "STATUS_WEBHOOK_URLS", _ => []);
        }

        for (var i = 0; i < generic.Length; i++)
        {
            Add($"webhook {i + 1}", generic[i], settings.Webhooks is { Length: > 0 } ? "--webhook" : "STATUS_WEBHOOK_URLS", n => Payloads.Statuspage(n, view, now));
        }

        return targets;
    }
}
