using System.Diagnostics;
using StatusSite.Cli;
using StatusSite.Integrations;
using StatusSite.Integrations.GitHub;
using static StatusSite.Tests.Integrations.GitHub.GitHubTestSite;

namespace StatusSite.Tests.Integrations.GitHub;

/// <summary>Retries, timeouts and GitHub Enterprise addresses, on the client the commands use, with a fast policy.</summary>
public sealed class GitHubApiTests
{
    /// <summary>Short waits; attempts long enough for a first request on a busy machine.</summary>
    private static readonly RetryPolicy Fast = new(2, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));

    private static GitHubIssues Issues(FakeGitHubServer server, string? apiUrl = null, RetryPolicy? policy = null) =>
        new(GitHubApi.Client(GitHubApi.ApiBase(apiUrl ?? server.Base.AbsoluteUri)!, Token, policy ?? Fast), new GitHubRepository("acme", "status"), Token, policy ?? Fast);

    private static async Task<string> FailureOf(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<GitHubCallException>(call);
        Assert.DoesNotContain("SECRET", error.ToString(), StringComparison.Ordinal);
        return error.Message;
    }

    [Fact]
    public async Task A_server_error_is_retried_then_reported()
    {
        await using var server = new FakeGitHubServer { AlwaysFail = "500" };

        var message = await FailureOf(() => Issues(server).UpsertCommentAsync(7, PullRequestComment.Marker, "x", PullRequestCommentSettings.ActionsAuthor));

        Assert.Equal("listing the comments of pull request #7 failed: GitHub answered HTTP 500: Server Error after 3 tries", message);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task A_429_waits_as_Retry_After_says_then_succeeds()
    {
        await using var server = new FakeGitHubServer();
        server.Failures.Enqueue("429:1");
        var clock = Stopwatch.StartNew();

        var (result, _) = await Issues(server).UpsertCommentAsync(7, PullRequestComment.Marker, "x", PullRequestCommentSettings.ActionsAuthor);

        Assert.Equal(Upsert.Created, result);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {clock.Elapsed}");
        Assert.Equal(["GET", "GET", "POST"], server.Requests.Select(r => r.Method));
    }

    [Theory]
    [InlineData("ratelimit:429")]
    [InlineData("ratelimit")]
    public async Task A_spent_rate_limit_is_reported_with_its_reset_and_never_retried(string failure)
    {
        await using var server = new FakeGitHubServer { AlwaysFail = failure };

        var message = await FailureOf(() => Issues(server).SyncRemindersAsync([], StatusSite.Model.ReminderSettings.None, _ => { }));

        Assert.StartsWith("listing the open issues failed: GitHub's rate limit for this token is used up until 2026-11-18 11:06 UTC", message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_server_that_never_answers_is_given_up_in_bounded_time()
    {
        await using var server = new FakeGitHubServer { AlwaysFail = "hang" };
        var clock = Stopwatch.StartNew();

        var message = await FailureOf(() => Issues(server, policy: Fast with { AttemptTimeout = TimeSpan.FromMilliseconds(500) }).UpsertCommentAsync(7, PullRequestComment.Marker, "x", PullRequestCommentSettings.ActionsAuthor));

        Assert.Equal("listing the comments of pull request #7 failed: no answer from GitHub within 0.5 s, 3 times", message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Equal(3, server.Requests.Count);
    }

    [Theory]
    [InlineData("401")]
    [InlineData("403")]
    [InlineData("404")]
    [InlineData("500")]
    [InlineData("429:0")]
    [InlineData("ratelimit")]
    [InlineData("echo")]
    [InlineData("garbage")]
    [InlineData("hang")]
    public async Task No_failure_ever_shows_the_token(string failure)
    {
        await using var server = new FakeGitHubServer { AlwaysFail = failure };
        var policy = Fast with { AttemptTimeout = TimeSpan.FromMilliseconds(500) };

        await FailureOf(() => Issues(server, policy: policy).UpsertCommentAsync(7, PullRequestComment.Marker, "x", PullRequestCommentSettings.ActionsAuthor));
        await FailureOf(() => Issues(server, policy: policy).SyncRemindersAsync([], StatusSite.Model.ReminderSettings.None, _ => { }));
    }

    [Theory]
    [InlineData("api/v3")]
    [InlineData("api/v3/")]
    public async Task A_GitHub_Enterprise_address_keeps_its_api_v3_path(string path)
    {
        await using var server = new FakeGitHubServer();

        await Issues(server, server.Base.AbsoluteUri + path).UpsertCommentAsync(7, PullRequestComment.Marker, "x", PullRequestCommentSettings.ActionsAuthor);

        Assert.Equal(["GET /api/v3/repos/acme/status/issues/7/comments", "POST /api/v3/repos/acme/status/issues/7/comments"], server.Requests.Select(r => r.ToString()));
    }
}
