using System.ComponentModel;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using StatusSite.Core;
using StatusSite.Integrations;
using StatusSite.Integrations.GitHub;
using StatusSite.Presentation;

namespace StatusSite.Cli;

/// <summary>Where and as whom the github commands call GitHub: flags, else the variables GitHub Actions sets.</summary>
internal class GitHubSettings : ServiceCallSettings
{
    [CommandOption("--token <TOKEN>")]
    [Description("The token. Defaults to GITHUB_TOKEN; prefer the variable, as a command line can be seen by other users.")]
    public string? Token { get; init; }

    [CommandOption("--repository <OWNER/NAME>")]
    [Description("The repository. Defaults to GITHUB_REPOSITORY.")]
    public string? Repository { get; init; }

    [CommandOption("--api-url <URL>")]
    [Description("The REST API's address. Defaults to GITHUB_API_URL, else " + GitHubApi.DefaultApiUrl + " (GitHub Enterprise: https://<host>/api/v3).")]
    public string? ApiUrl { get; init; }


    /// <summary>The token, repository and API address; null, after one 'skipped' line, when the token or repository is not set.</summary>
    public GitHubTarget? Target(IAnsiConsole console, EnvironmentVariables environment)
    {
        var token = Token ?? environment["GITHUB_TOKEN"];
        var repository = Repository ?? environment["GITHUB_REPOSITORY"];
        if (string.IsNullOrWhiteSpace(token) || string.IsNullOrWhiteSpace(repository))
        {
            console.WriteLine($"GitHub: skipped, {(string.IsNullOrWhiteSpace(token) ? "GITHUB_TOKEN" : "GITHUB_REPOSITORY")} is not set.");
            return null;
        }

        var api = TrackerCredentials.GitHubApiUrl(environment, ApiUrl, "--api-url");
        var parsed = GitHubRepository.Parse(repository)
            ?? throw new UsageException($"{(Repository is null ? "GITHUB_REPOSITORY" : "--repository")}: '{repository}' is not a repository; write it as owner/name, such as acme/status");
        return new GitHubTarget(parsed, api, token.Trim());
    }
}

/// <summary>The repository to call, the API's address and the token (a secret: never printed).</summary>
internal sealed record GitHubTarget(GitHubRepository Repository, Uri ApiBase, string Token)
{
    public GitHubIssues Issues(RetryPolicy policy) => new(GitHubApi.Client(ApiBase, Token, policy), Repository, Token, policy);
}

internal sealed class PullRequestCommentSettings : GitHubSettings
{
    /// <summary>The author of comments made with a GitHub Actions workflow's token.</summary>
    public const string ActionsAuthor = "github-actions[bot]";

    [CommandOption("--base <GIT-REF>")]
    [Description("The commit the pull request merges into, such as origin/main: what is at HEAD and not there is what it publishes.")]
    public string? Base { get; init; }

    [CommandOption("--body-out <FILE>")]
    [Description("With --base: write the comment to FILE instead of posting it. Needs no token; input/theme/ is ignored, as with --no-site-theme.")]
    public string? BodyOut { get; init; }

    [CommandOption("--body-file <FILE>")]
    [Description("Post the comment prepared in FILE by --body-out (text only, at most 65,536 characters); reads no content, git or theme.")]
    public string? BodyFile { get; init; }

    [CommandOption("--pr <NUMBER>")]
    [Description("The pull request. Defaults to the one of the event in GITHUB_EVENT_PATH (a pull_request or workflow_run event).")]
    public int? PullRequest { get; init; }

    [CommandOption("--comment-author <LOGIN>")]
    [Description("Whose earlier comment is updated: only a comment by this login that starts with the marker. With a personal token, give its login.")]
    [DefaultValue(ActionsAuthor)]
    public string CommentAuthor { get; init; } = ActionsAuthor;

    [CommandOption("--preview-url <URL>")]
    [Description("Where the pull request's built preview is (such as its workflow artifact); the comment links it.")]
    public string? PreviewUrl { get; init; }

    [CommandOption("--theme <FOLDER>")]
    [Description("The theme whose strings are checked, as check does. Defaults to ./theme, else the theme shipped with the tool.")]
    public string? Theme { get; init; }

    [CommandOption("--no-site-theme")]
    [Description(RenderSettings.NoSiteThemeDescription)]
    public bool NoSiteTheme { get; init; }

    /// <summary>Whether input/theme/ is read: never when preparing a comment for an untrusted pull request (--body-out).</summary>
    public bool SiteTheme => !NoSiteTheme && BodyOut is null;

    public override ValidationResult Validate() =>
        BodyFile is not null && (Base is not null || BodyOut is not null || PreviewUrl is not null || Theme is not null || NoSiteTheme)
            ? ValidationResult.Error("--body-file posts a comment prepared with --body-out; --base, --body-out, --preview-url, --theme and --no-site-theme belong to preparing it, so give them in that step")
        : BodyFile is null && string.IsNullOrWhiteSpace(Base) ? ValidationResult.Error("--base is missing; give the commit the pull request merges into, such as --base origin/main (or --body-file with a comment prepared by --body-out)")
        : PullRequest is < 1 ? ValidationResult.Error("--pr: give the pull request's number, such as --pr 42")
        : string.IsNullOrWhiteSpace(CommentAuthor) ? ValidationResult.Error($"--comment-author: give the GitHub login that posts the comment, such as --comment-author {ActionsAuthor}")
        : PreviewUrl is not null && !(Uri.TryCreate(PreviewUrl, UriKind.Absolute, out var preview) && (preview.Scheme == Uri.UriSchemeHttps || preview.Scheme == Uri.UriSchemeHttp))
            ? ValidationResult.Error($"--preview-url: '{PreviewUrl}' is not an absolute http or https address")
        : base.Validate();

    /// <summary>--pr, else the pull request of the event GitHub Actions describes in GITHUB_EVENT_PATH; null when there is none.</summary>
    public int? Number(EnvironmentVariables environment) => FromEvent(environment["GITHUB_EVENT_PATH"]);

    /// <summary>--pr, else the pull request of the event file at <paramref name="path"/>: a pull_request event's, or a workflow_run event's first.</summary>
    public int? FromEvent(string? path)
    {
        if (PullRequest is not null || string.IsNullOrEmpty(path))
        {
            return PullRequest;
        }

        try
        {
            using var stream = File.OpenRead(path);
            using var json = JsonDocument.Parse(stream);
            var root = json.RootElement;
            JsonElement pr = default;
            var found = root.ValueKind == JsonValueKind.Object && (
                (root.TryGetProperty("pull_request", out pr) && pr.ValueKind == JsonValueKind.Object)
                // A workflow_run event lists the pull requests of the run's branch; for a pull request from a fork the list is empty.
                || (root.TryGetProperty("workflow_run", out var run) && run.ValueKind == JsonValueKind.Object
                    && run.TryGetProperty("pull_requests", out var list) && list.ValueKind == JsonValueKind.Array && list.GetArrayLength() > 0
                    && (pr = list[0]).ValueKind == JsonValueKind.Object));
            return found && pr.TryGetProperty("number", out var value) && value.TryGetInt32(out var fromEvent) && fromEvent > 0 ? fromEvent : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new UsageException($"GITHUB_EVENT_PATH: the event file cannot be read as JSON ({e.GetType().Name}); give the pull request as --pr");
        }
    }
}

/// <summary>
/// <c>statussite github pr-comment</c>: says on the pull request what merging it publishes and what <c>check</c> reports,
/// in one comment that later runs update. In one step (<c>--base</c>), or in two for workflows that must not run a pull
/// request's content with a write token: <c>--base … --body-out FILE</c> prepares the text without any token, and
/// <c>--body-file FILE --pr N</c> posts it without reading any content.
/// </summary>
internal sealed class PullRequestCommentCommand(IAnsiConsole console, TimeProvider clock, EnvironmentVariables environment) : AsyncCommand<PullRequestCommentSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, PullRequestCommentSettings settings, CancellationToken cancellationToken)
    {
        if (settings.BodyOut is { } bodyOut)
        {
            var (prepared, _) = await CommentAsync(settings, cancellationToken);
            try
            {
                File.WriteAllText(bodyOut, prepared, new UTF8Encoding(false));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                console.MarkupLineInterpolated($"[red]error:[/] --body-out: '{bodyOut}' cannot be written ({e.GetType().Name}); give a file in a folder that exists and can be written");
                return CliApp.ContentErrors;
            }

            // Exit 0 also when check found errors: they are in the comment, and the workflow's check step fails the run already.
            console.WriteLine($"The pull-request comment is written to {bodyOut}.");
            return CliApp.Success;
        }

        string? fromFile = null;
        if (settings.BodyFile is { } bodyFile)
        {
            var (text, error) = PreparedComment.Read(bodyFile);
            if (text is null)
            {
                console.MarkupLineInterpolated($"[red]error:[/] {error}; nothing was posted");
                return CliApp.ContentErrors;
            }

            fromFile = PullRequestComment.Prepared(text);
        }

        if (settings.Target(console, environment) is not { } target)
        {
            return CliApp.Success;
        }

        if (settings.Number(environment) is not { } number)
        {
            console.WriteLine("GitHub: skipped, no pull request: give --pr, or run on a pull_request or workflow_run event of one.");
            return CliApp.Success;
        }

        var (body, errors) = fromFile is null ? await CommentAsync(settings, cancellationToken) : (fromFile, false);
        try
        {
            var (result, url) = await target.Issues(settings.Policy).UpsertCommentAsync(number, PullRequestComment.Marker, body, settings.CommentAuthor);
            console.WriteLine(result == Upsert.Unchanged
                ? $"GitHub: the comment on pull request #{number} is up to date: {url}"
                : $"GitHub: {(result == Upsert.Created ? "created" : "updated")} the comment on pull request #{number}: {url}");
        }
        catch (GitHubCallException e)
        {
            console.MarkupLineInterpolated($"[red]error:[/] GitHub: {e.Message}");
            return CliApp.ContentErrors;
        }

        // In one step, the comment lists the errors and the exit code makes the job red as well.
        return errors ? CliApp.ContentErrors : CliApp.Success;
    }

    /// <summary>The comment on the content at HEAD against --base, and whether check found errors in it.</summary>
    private async Task<(string Body, bool Errors)> CommentAsync(PullRequestCommentSettings settings, CancellationToken cancellationToken)
    {
        var now = settings.ResolveNow(clock);
        var themeDir = ThemeLocator.Resolve(settings.Theme);
        // What check reports, drafts linted and the process rules run, so the comment lists the same lines. Nothing
        // is rendered: the model and the language file are all the comment needs, so no template is ever compiled.
        var (head, bag) = SiteBuilder.Analyze(settings.Input, now, lintDrafts: true, themeDir: themeDir, processRules: true, siteTheme: settings.SiteTheme);
        var strings = head is null ? null : SiteBuilder.Strings(settings.Input, themeDir, head, bag, settings.SiteTheme);
        var @base = await BaseContent.ReadAsync(settings.Input, settings.Base!, now, cancellationToken);
        var diagnostics = bag.Sorted();
        var view = head is not null && strings is not null && !bag.HasErrors ? new SiteView(head, strings) : null;
        var report = new PullRequestReport(settings.Base!, @base.Model, @base.Builds, view, diagnostics,
            settings.PreviewUrl is null ? null : new Uri(settings.PreviewUrl), now);
        return (PullRequestComment.Write(report), diagnostics.Any(d => d.Level == DiagnosticLevel.Error));
    }
}

/// <summary>
/// A comment prepared by <c>--body-out</c>, read back for posting. The file may come from an untrusted run (a pull
/// request can upload anything under the artifact's name), so it is only ever text: read within GitHub's limit,
/// refused when it is not UTF-8 or holds a NUL byte, and never interpreted.
/// </summary>
internal static class PreparedComment
{
    /// <summary>The file's text, or why it is refused.</summary>
    public static (string? Text, string? Error) Read(string path)
    {
        // UTF-8 takes at most 4 bytes per character: a file longer than this holds more characters than GitHub takes.
        var buffer = new byte[(PullRequestComment.MaxLength * 4) + 1];
        int length;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return (null, $"--body-file: '{path}' cannot be read ({e.GetType().Name}); give the file --body-out wrote");
        }

        var tooLong = $"{path}: the comment is longer than {PullRequestComment.MaxLength:N0} characters, the most GitHub takes; prepare it with 'statussite github pr-comment --body-out', which keeps it shorter";
        if (length == buffer.Length)
        {
            return (null, tooLong);
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, length);
        }
        catch (DecoderFallbackException e)
        {
            return (null, $"{path}:{LineAt(buffer, e.Index)}: the comment is not UTF-8 text; write it as UTF-8, as --body-out does");
        }

        var nul = text.IndexOf('\0', StringComparison.Ordinal);
        if (nul >= 0)
        {
            return (null, $"{path}:{text.AsSpan(0, nul).Count('\n') + 1}: the comment holds a NUL byte, which text never does; write it with --body-out");
        }

        return PullRequestComment.Prepared(text).Length > PullRequestComment.MaxLength ? (null, tooLong) : (text, null);
    }

    private static int LineAt(byte[] bytes, int index) => bytes.AsSpan(0, Math.Clamp(index, 0, bytes.Length)).Count((byte)'\n') + 1;
}

internal sealed class RemindSettings : GitHubSettings;

/// <summary>
/// <c>statussite github remind</c>: one issue per open SEV1/SEV2 incident whose update is overdue and per overdue
/// postmortem, assigned and labelled as site.yml's 'reminders:' says; closed when its cause is gone. Idempotent; does nothing
/// without that section (reminders are opt-in).
/// </summary>
internal sealed class RemindCommand(IAnsiConsole console, TimeProvider clock, EnvironmentVariables environment) : AsyncCommand<RemindSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, RemindSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Target(console, environment) is not { } target)
        {
            return CliApp.Success;
        }

        var (model, bag) = SiteBuilder.Analyze(settings.Input, settings.ResolveNow(clock));
        if (model is null)
        {
            var diagnostics = bag.Sorted();
            DiagnosticPrinter.PrintGrouped(console, diagnostics);
            DiagnosticPrinter.PrintSummary(console, diagnostics, null);
            return CliApp.ContentErrors;
        }

        // The publish workflow runs remind on every schedule: a site that never asked for reminders gets none.
        if (model.Settings.Reminders is not { } reminders)
        {
            console.WriteLine("Reminders: skipped, site.yml has no 'reminders:' section.");
            return CliApp.Success;
        }

        var due = Reminders.Due(model);
        console.WriteLine($"{Counted.Of(due.Count, "reminder")} due.");
        try
        {
            await target.Issues(settings.Policy).SyncRemindersAsync(due, reminders, line => console.WriteLine("GitHub: " + line));
        }
        catch (GitHubCallException e)
        {
            console.MarkupLineInterpolated($"[red]error:[/] GitHub: {e.Message}");
            return CliApp.ContentErrors;
        }

        return CliApp.Success;
    }
}
