using Octokit;
using StatusSite.Model;

namespace StatusSite.Integrations.GitHub;

/// <summary>What one upsert did: created, updated, or found the same text already there.</summary>
public enum Upsert
{
    Created,
    Updated,
    Unchanged,
}

/// <summary>
/// The GitHub calls of <c>github pr-comment</c> and <c>github remind</c>, each through <see cref="GitHubApi.Call"/>, so
/// a failure names the call and never the token. Earlier comments and issues are found by a marker on the first line
/// of their body, never by title: a title may be edited, and another tool's issue may share it.
/// </summary>
public sealed class GitHubIssues(IGitHubClient client, GitHubRepository repository, string token, RetryPolicy policy)
{
    /// <summary>Pull-request comments are issue comments: writing them needs 'pull-requests: write' (or 'issues: write').</summary>
    public const string CommentPermission = "pull-requests: write";

    public const string IssuePermission = "issues: write";

    private static readonly ApiOptions AllPages = new() { PageSize = 100 };

    /// <summary>
    /// Creates the comment on pull request <paramref name="number"/>, or updates the one <paramref name="author"/> wrote
    /// whose body starts with <paramref name="marker"/>. Anybody may start a comment with the marker; only the author's
    /// own is ever edited, so a contributor's comment cannot be taken over (the token may edit every comment).
    /// </summary>
    public async Task<(Upsert Result, string Url)> UpsertCommentAsync(int number, string marker, string body, string author)
    {
        var comments = await Call($"listing the comments of pull request #{number}", CommentPermission,
            () => client.Issue.Comment.GetAllForIssue(repository.Owner, repository.Name, number, AllPages));
        // GitHub logins are case-insensitive.
        if (comments.FirstOrDefault(c => string.Equals(c.User?.Login, author, StringComparison.OrdinalIgnoreCase)
                && c.Body?.StartsWith(marker, StringComparison.Ordinal) == true) is not { } earlier)
        {
            var created = await Call($"creating the comment on pull request #{number}", CommentPermission,
                () => client.Issue.Comment.Create(repository.Owner, repository.Name, number, body));
            return (Upsert.Created, created.HtmlUrl);
        }

        if (earlier.Body == body)
        {
            return (Upsert.Unchanged, earlier.HtmlUrl);
        }

        var updated = await Call($"updating comment {earlier.Id} on pull request #{number}", CommentPermission,
            () => client.Issue.Comment.Update(repository.Owner, repository.Name, earlier.Id, body));
        return (Upsert.Updated, updated.HtmlUrl);
    }

    /// <summary>
    /// Makes the open reminder issues match <paramref name="due"/>: opens one per cause without one (assigned and labelled
    /// as <paramref name="settings"/> says), updates one whose title or body changed, and closes one whose cause is gone.
    /// Reports each change as it is made, so a failure part-way leaves an account of what was done.
    /// </summary>
    /// <exception cref="GitHubCallException">A call failed; the calls after it were not made.</exception>
    public async Task SyncRemindersAsync(IReadOnlyList<Reminder> due, ReminderSettings settings, Action<string> report)
    {
        var open = await Call("listing the open issues", IssuePermission,
            () => client.Issue.GetAllForRepository(repository.Owner, repository.Name, new RepositoryIssueRequest { State = ItemStateFilter.Open }, AllPages));
        var earlier = open
            .Where(i => i.PullRequest is null)
            .Select(i => (Cause: Reminders.CauseOf(i.Body), Issue: i))
            .Where(x => x.Cause is not null)
            .GroupBy(x => x.Cause!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(x => x.Issue.Number).First().Issue, StringComparer.Ordinal);

        foreach (var reminder in due)
        {
            if (!earlier.TryGetValue(reminder.Cause, out var issue))
            {
                var request = new NewIssue(reminder.Title) { Body = reminder.Body };
                foreach (var login in settings.Assignees)
                {
                    request.Assignees.Add(login);
                }

                foreach (var label in settings.Labels)
                {
                    request.Labels.Add(label);
                }

                var created = await Call($"opening the reminder issue for {reminder.Cause}", IssuePermission,
                    () => client.Issue.Create(repository.Owner, repository.Name, request));
                report($"opened #{created.Number} for {reminder.Cause}: {reminder.Title}");
            }
            else if (issue.Title != reminder.Title || issue.Body != reminder.Body)
            {
                await Call($"updating reminder issue #{issue.Number} for {reminder.Cause}", IssuePermission,
                    () => Edit(issue.Number, new { title = reminder.Title, body = reminder.Body }));
                report($"updated #{issue.Number} for {reminder.Cause}");
            }
            else
            {
                report($"#{issue.Number} for {reminder.Cause} is up to date");
            }
        }

        var causes = due.Select(r => r.Cause).ToHashSet(StringComparer.Ordinal);
        foreach (var (cause, issue) in earlier.Where(e => !causes.Contains(e.Key)).OrderBy(e => e.Value.Number))
        {
            await Call($"closing reminder issue #{issue.Number} for {cause}", IssuePermission,
                () => Edit(issue.Number, new { state = "closed", state_reason = "completed" }));
            report($"closed #{issue.Number}: {cause} is no longer overdue");
        }
    }

    /// <summary>
    /// Changes only the fields given. Octokit's <see cref="IssueUpdate"/> always sends 'milestone', null unless set, which
    /// would take away a milestone a maintainer put on the reminder.
    /// </summary>
    private Task<IApiResponse<Issue>> Edit(int number, object fields) => client.Connection.Patch<Issue>(ApiUrls.Issue(repository.Owner, repository.Name, number), fields);

    private Task<T> Call<T>(string what, string permission, Func<Task<T>> call) => GitHubApi.Call(what, token, permission, policy, call);
}
