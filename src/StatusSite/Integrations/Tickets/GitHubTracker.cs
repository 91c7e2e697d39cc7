using System.Globalization;
using System.Net;
using System.Text;
using Octokit;
using Octokit.Internal;
using Polly.Timeout;
using StatusSite.Integrations.GitHub;
using StatusSite.Model;

namespace StatusSite.Integrations.Tickets;

/// <summary>Where and as whom GitHub is called; <see cref="ApiUrl"/> is GITHUB_API_URL (github.com's API or an Enterprise server's <c>/api/v3</c>).</summary>
/// <param name="Repository">owner/name of the repository the issues are in.</param>
public sealed record GitHubAccess(Uri ApiUrl, string Token, string Repository)
{
    // The token is left out of the record's text, so no message or log line that prints it can hold it.
    public override string ToString() => $"GitHub {Repository} at {ApiUrl}";
}

/// <summary>GitHub Issues through Octokit: the marker in the issue body finds an action item's issue again.</summary>
/// <param name="siteRepository">site.yml's repository: an issue there is written as its number, any other as its URL.</param>
/// <param name="handler">What sends the requests: the retry handler for <c>tickets sync</c>, a bounded one for the build.</param>
public sealed class GitHubTracker(GitHubAccess access, string? siteRepository, HttpMessageHandler handler) : ITicketTracker, IDisposable
{
    private readonly string _owner = access.Repository.Split('/')[0];
    private readonly string _name = access.Repository.Split('/')[1];
    private GitHubClient? _client;

    public string Name => "GitHub";

    private GitHubClient Client => _client ??= GitHubApi.Client(GitHubApi.ApiBase(access.ApiUrl.AbsoluteUri)!, access.Token, handler);

    public Task<IReadOnlyDictionary<string, string>> FindAsync(IReadOnlyList<ActionItemTicket> tickets, CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            var request = new RepositoryIssueRequest { State = ItemStateFilter.All };
            request.Labels.Add("action-item");
            var issues = await Client.Issue.GetAllForRepository(_owner, _name, request, new ApiOptions { PageSize = 100 }).ConfigureAwait(false);
            var found = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var ticket in tickets)
            {
                if (issues.FirstOrDefault(i => i.PullRequest is null && i.Body?.Contains(ticket.Marker, StringComparison.Ordinal) == true) is { } issue)
                {
                    found[ticket.Key] = IssueValue(issue);
                }
            }

            return (IReadOnlyDictionary<string, string>)found;
        });

    public Task<string> CreateAsync(ActionItemTicket ticket, CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            var issue = new NewIssue(ticket.Item.Title) { Body = Body(ticket) };
            foreach (var label in ActionItemTicket.Labels)
            {
                issue.Labels.Add(label);
            }

            var created = await Client.Issue.Create(_owner, _name, issue).ConfigureAwait(false);
            if (!created.Labels.Any(l => l.Name == "action-item"))
            {
                // GitHub drops the labels silently for a token that may not set them; a rerun lists by label, so it would miss this issue.
                throw new TrackerException($"issue #{created.Number} was created without its labels (the token may not set labels); write it back with --write before running again, or a rerun files it twice");
            }

            return IssueValue(created);
        });

    public async Task<string?> StateAsync(ActionItem item, CancellationToken cancellationToken) =>
        item.IssueNumber is not { } number ? null
        : await Guard(async () => (await Client.Issue.Get(_owner, _name, number).ConfigureAwait(false)).State.Value == ItemState.Open ? "open" : "closed").ConfigureAwait(false);

    /// <summary>The issue's Markdown: the hidden marker, a link to the postmortem, and the item's facts.</summary>
    public static string Body(ActionItemTicket ticket)
    {
        var body = new StringBuilder()
            .Append(ticket.Marker).Append('\n')
            .Append("Action item of the postmortem [").Append(ticket.Postmortem.Title.Replace("]", "\\]", StringComparison.Ordinal)).Append("](").Append(ticket.Page.AbsoluteUri).Append(").\n\n");
        foreach (var (name, value) in ticket.Facts)
        {
            body.Append("- **").Append(name).Append(":** ").Append(value).Append('\n');
        }

        return body.ToString();
    }

    private string IssueValue(Issue issue) =>
        string.Equals(siteRepository, access.Repository, StringComparison.OrdinalIgnoreCase) ? issue.Number.ToString(CultureInfo.InvariantCulture) : issue.HtmlUrl;

    /// <summary>Octokit's refusals as messages that name the answer, never the token.</summary>
    private static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (RateLimitExceededException e)
        {
            throw new TrackerException($"GitHub's rate limit is reached (HTTP {(int)e.StatusCode}); it resets at {e.Reset.UtcDateTime:HH:mm} UTC", rateLimited: true);
        }
        catch (SecondaryRateLimitExceededException e)
        {
            throw new TrackerException($"GitHub's secondary rate limit is reached (HTTP {(int)e.StatusCode}); wait a minute before running again", rateLimited: true);
        }
        catch (AuthorizationException)
        {
            throw new TrackerException("GitHub refused the token (HTTP 401); check that GITHUB_TOKEN is set to a valid token");
        }
        catch (NotFoundException)
        {
            throw new TrackerException("GitHub answered 404: the repository or issue does not exist, or the token may not see it (it needs 'issues: write' to file, 'issues: read' to read)");
        }
        catch (ApiException e) when (e.StatusCode == HttpStatusCode.Forbidden && RateLimited(e.HttpResponse))
        {
            // GitHub answers a spent primary limit with 403 and 'x-ratelimit-remaining: 0', a secondary one with 'retry-after'.
            throw new TrackerException("GitHub's rate limit is reached (HTTP 403); wait until it resets before running again", rateLimited: true);
        }
        catch (ApiException e) when (e.StatusCode == HttpStatusCode.TooManyRequests)
        {
            throw new TrackerException("GitHub's rate limit is reached (HTTP 429); wait before running again", rateLimited: true);
        }
        catch (ApiException e)
        {
            throw new TrackerException($"GitHub answered HTTP {(int)e.StatusCode}" + (e.StatusCode == HttpStatusCode.Forbidden ? "; the token may lack 'issues: write'" : ""));
        }
        catch (TimeoutRejectedException)
        {
            throw new TrackerException("GitHub did not answer in time");
        }
        catch (HttpRequestException e)
        {
            // The message may name the host; the kind of failure says enough.
            throw new TrackerException($"the request to GitHub failed ({e.HttpRequestError})");
        }
    }

    private static bool RateLimited(IResponse? response) =>
        response?.Headers.Any(h => (h.Key.Equals("x-ratelimit-remaining", StringComparison.OrdinalIgnoreCase) && h.Value == "0") || h.Key.Equals("retry-after", StringComparison.OrdinalIgnoreCase)) == true;

    public void Dispose() => handler.Dispose();
}
