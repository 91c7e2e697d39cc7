using StatusSite.Cli;
using StatusSite.Integrations.GitHub;
using StatusSite.Tests.Support;
using static StatusSite.Tests.Integrations.GitHub.GitHubTestSite;

namespace StatusSite.Tests.Integrations.GitHub;

public sealed class PullRequestCommentTests
{
    private const string Comments = "/repos/acme/status/issues/7/comments";

    private static CliRun Comment(TestSite site, FakeGitHubServer server, params string[] more) =>
        CliRunner.Run(["github", "pr-comment", "--input", site.Input, "--theme", TestSite.ThemeDir, "--base", "base", "--pr", "7", .. Flags(server), .. more]);

    [Fact]
    public async Task Posts_one_comment_saying_what_the_change_publishes_and_a_rerun_updates_that_comment()
    {
        using var site = PullRequest();
        await using var server = new FakeGitHubServer();

        var run = Comment(site, server, "--preview-url", "https://github.example/acme/status/actions/runs/1");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(["GET " + Comments, "POST " + Comments], server.Requests.Select(r => r.ToString()));
        Assert.All(server.Requests, r => Assert.Equal("Token " + Token, r.Authorization));
        // Paths are named as check names them: relative to the working folder, which here is not the repository's.
        var body = ((string)server.Writes.Single().Body!["body"]!).Replace(Path.GetRelativePath(Environment.CurrentDirectory, site.Input), "input", StringComparison.Ordinal);
        Assert.Equal(["body"], server.Writes.Single().Body!.AsObject().Select(p => p.Key));
        Assert.StartsWith(PullRequestComment.Marker + "\n### Status site: what this pull request publishes\n", body, StringComparison.Ordinal);
        Assert.Contains("Preview of the built site: <https://github.example/acme/status/actions/runs/1>", body);
        Assert.Contains("**Overall status:** partial_outage → **major_outage**", body);
        Assert.Contains("#### New updates (3)", body);
        Assert.Contains("**Update to incident (SEV2): Elevated API error rates**, 2026-11-26 21:40 UTC, identified, `input/incidents/2026/2026-11-26-api-errors.md`, <https://status.acme.example/incidents/2026-11-26-api-errors/#2026-11-26-api-errors-20261126T214000Z>\n\n```text\nA deployment caused the errors; we rolled it back.\n```", body);
        Assert.Contains("**New incident (SEV1): Login failures for @\u200Bacme/oncall &lt;b&gt;now&lt;/b&gt;**", body);
        Assert.Contains("| Public API | partial_outage | operational |\n| Dashboard | operational | major_outage |", body);
        Assert.Contains("- Moved: **Database upgrade**, from 2026-12-09 02:00 UTC – 2026-12-09 04:00 UTC to 2026-12-10 02:00 UTC – 2026-12-10 04:00 UTC", body);
        Assert.Contains("#### Postmortems published\n\n- **Postmortem: API outage** (SEV2), <https://status.acme.example/postmortems/review/>", body);
        Assert.Contains("#### Check", body);
        // Content is shown as written inside code blocks, and outside them can neither mention, link nor inject HTML.
        Assert.Contains("```text\nError rates have been normal for an hour. Thanks @octocat <img src=x onerror=alert(1)> see #1\n```", body);
        var rendered = OutsideCodeBlocks(body);
        Assert.DoesNotContain("@octocat", rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("@acme", rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", rendered, StringComparison.Ordinal);
        Assert.Contains("GitHub: created the comment on pull request #7", run.Output);
        Assert.DoesNotContain("SECRET", run.Output, StringComparison.Ordinal);

        // The same content again: the comment is found and left as it is.
        var rerun = Comment(site, server, "--preview-url", "https://github.example/acme/status/actions/runs/1");

        Assert.True(rerun.ExitCode == 0, rerun.Output);
        Assert.Single(server.Writes);
        Assert.Contains("GitHub: the comment on pull request #7 is up to date: https://github.example/acme/status/pull/7#issuecomment-", rerun.Output);

        // A new push: the same comment is updated, never a second one.
        site.Write("incidents/2026/2026-11-26-login.md", Login.Replace("## 2026-11-26 22:45 UTC", "## 2026-11-26 22:55 UTC — Identified\n\nA certificate expired.\n\n## 2026-11-26 22:45 UTC"));
        Commit(site, "push");
        var push = Comment(site, server);

        Assert.True(push.ExitCode == 0, push.Output);
        var id = (long)server.Comments[7].Single()["id"]!;
        Assert.Equal(["POST " + Comments, $"PATCH /repos/acme/status/issues/comments/{id}"], server.Writes.Select(r => r.ToString()));
        Assert.Contains($"GitHub: updated the comment on pull request #7: https://github.example/acme/status/pull/7#issuecomment-{id}", push.Output);
        Assert.Contains("A certificate expired.", (string)server.Writes[^1].Body!["body"]!);
        Assert.Single(server.Comments[7]);
    }

    [Fact]
    public async Task Finds_its_comment_on_a_later_page_of_the_comments()
    {
        using var site = PullRequest();
        await using var server = new FakeGitHubServer(pageSize: 2);
        server.AddComment(7, "Looks good to me");
        server.AddComment(7, "Quoting: " + PullRequestComment.Marker);
        server.AddComment(7, "Please fix the typo");
        var ours = server.AddComment(7, PullRequestComment.Marker + "\nAn older report", "github-actions[bot]");

        var run = Comment(site, server);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(["GET " + Comments, "GET " + Comments, $"PATCH /repos/acme/status/issues/comments/{ours["id"]}"], server.Requests.Select(r => r.ToString()));
        Assert.Contains("page=2", server.Requests.ElementAt(1).Query);
        Assert.Equal(4, server.Comments[7].Count);
    }

    [Fact]
    public async Task A_change_too_large_for_one_comment_is_cut_to_lists_that_say_how_many_more()
    {
        // The base has no content at all, so every component and incident of HEAD is new.
        using var site = TestSite.Create(siteYml: null);
        File.WriteAllText(Path.Combine(site.Root, "README.md"), "status\n");
        GitCommands.Git(site.Root, "init", "-q");
        Commit(site, "empty");
        GitCommands.Git(site.Root, "tag", "base");
        var components = string.Join("\n", Enumerable.Range(1, 300).Select(i => $"  - {{ id: c{i}, name: Component {i} with a long name }}"));
        site.Write("site.yml", $"title: Acme Status\nbase_url: https://status.acme.example/\ncomponents:\n{components}\n");
        foreach (var i in Enumerable.Range(1, 30))
        {
            site.Write($"incidents/2026/i{i}.md", Incidents.File(
                $"title: {new string('T', 190)} {i}\nseverity: SEV3\ncomponents:\n  c{i}: degraded_performance",
                Incidents.Update("2026-11-26 22:30 UTC", "Resolved", new string('x', 3000), components: $"c{i}=operational"),
                Incidents.Update("2026-11-26 21:00 UTC", "Investigating", "@all " + new string('y', 5000))));
        }

        Commit(site, "everything");
        await using var server = new FakeGitHubServer();

        var run = Comment(site, server);

        Assert.True(run.ExitCode == 0, run.Output);
        var body = (string)server.Writes.Single().Body!["body"]!;
        Assert.True(body.Length < 65536, $"{body.Length} characters");
        Assert.Contains("#### New updates (60)", body);
        Assert.Contains("… and 48 more, not quoted here.", body);
        Assert.Contains("\n… (3505 more characters)\n```", body);
        Assert.Contains("… and 260 more, not listed here.", body);
    }

    [Fact]
    public async Task Content_that_does_not_build_gets_its_errors_in_the_comment_then_exit_code_1()
    {
        using var site = PullRequest();
        site.Write("incidents/2026/2026-11-26-login.md", Login.Replace("SEV1", "SEV9"));
        Commit(site, "broken");
        await using var server = new FakeGitHubServer();

        var run = Comment(site, server);

        Assert.Equal(1, run.ExitCode);
        var body = (string)server.Writes.Single().Body!["body"]!;
        Assert.Contains("**The content of this pull request does not build**", body);
        Assert.Matches(@"- \*\*error\*\* `[^`]*input/incidents/2026/2026-11-26-login\.md:3`: ", body);
        Assert.DoesNotContain("#### New updates", body);
    }

    [Fact]
    public async Task Without_a_token_or_a_repository_it_skips_with_one_line()
    {
        using var site = PullRequest();
        await using var server = new FakeGitHubServer();
        var run = CliRunner.Run("github", "pr-comment", "--input", site.Input, "--base", "base", "--pr", "7", "--repository", "acme/status", "--api-url", server.Base.AbsoluteUri);

        Assert.Equal((0, "GitHub: skipped, GITHUB_TOKEN is not set."), (run.ExitCode, run.Output.Trim()));
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData("echo", "listing the comments of pull request #7 failed: GitHub refused the token (HTTP 401: Bad credentials: Token ***); check that GITHUB_TOKEN holds a valid token")]
    [InlineData("403", "listing the comments of pull request #7 failed: GitHub refused (HTTP 403: Resource not accessible by integration); the token needs 'pull-requests: write' on this repository")]
    [InlineData("ratelimit", "listing the comments of pull request #7 failed: GitHub's rate limit for this token is used up until 2026-11-18 11:06 UTC (HTTP 403); run again after that")]
    [InlineData("404", "listing the comments of pull request #7 failed: GitHub answered 404 Not Found; check GITHUB_REPOSITORY (owner/name) and the number")]
    [InlineData("garbage", "listing the comments of pull request #7 failed: GitHub's answer could not be read")]
    public async Task A_refusal_is_one_error_line_naming_the_call_without_the_token_and_is_not_retried(string failure, string message)
    {
        using var site = PullRequest();
        await using var server = new FakeGitHubServer { AlwaysFail = failure };

        var run = Comment(site, server);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: GitHub: " + message, run.Output);
        Assert.DoesNotContain("SECRET", run.Output, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData("--bsae", "unknown option '--bsae' (did you mean '--base'?); see 'statussite github pr-comment --help'")]
    [InlineData("--pr=0", "--pr: give the pull request's number, such as --pr 42")]
    [InlineData("--preview-url=javascript:alert(1)", "--preview-url: 'javascript:alert(1)' is not an absolute http or https address")]
    [InlineData("--repository=acme", "--repository: 'acme' is not a repository; write it as owner/name, such as acme/status")]
    [InlineData("--api-url=ftp://github.example", "--api-url: 'ftp://github.example' is not an absolute http or https address")]
    [InlineData("--timeout=0", "--timeout: give a number of seconds from 1 to 300")]
    public void A_command_line_mistake_is_exit_code_2_and_calls_nothing(string option, string message)
    {
        using var site = TestSite.Create();
        var (name, value) = option.Split('=') is [var n, var v] ? (n, v) : (option, "x");
        string[] args = ["github", "pr-comment", "--input", site.Input, "--base", "HEAD", "--token", Token, "--repository", "acme/status", "--api-url", "http://127.0.0.1:9/"];
        var i = Array.IndexOf(args, name);

        var run = CliRunner.Run(i < 0 ? [.. args, name, value] : [.. args[..(i + 1)], value, .. args[(i + 2)..]]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: " + message, run.Output);
        Assert.DoesNotContain("SECRET", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pull_request_comes_from_the_event_of_the_workflow()
    {
        using var site = TestSite.Create();
        string Event(string json)
        {
            var path = Path.Combine(site.Root, Guid.NewGuid().ToString("N") + ".json");
            File.WriteAllText(path, json);
            return path;
        }

        var settings = new PullRequestCommentSettings();

        Assert.Equal(12, settings.FromEvent(Event("""{"action": "opened", "pull_request": {"number": 12}}""")));
        Assert.Equal(34, settings.FromEvent(Event("""{"workflow_run": {"event": "pull_request", "pull_requests": [{"number": 34}, {"number": 35}]}}""")));
        // A workflow_run of a pull request from a fork lists no pull request: the workflow passes --pr instead.
        Assert.Null(settings.FromEvent(Event("""{"workflow_run": {"event": "pull_request", "pull_requests": []}}""")));
        Assert.Null(settings.FromEvent(Event("""{"ref": "refs/heads/main"}""")));
        Assert.Equal(56, new PullRequestCommentSettings { PullRequest = 56 }.FromEvent(Event("""{"pull_request": {"number": 12}}""")));
        var error = Assert.Throws<UsageException>(() => settings.FromEvent(Event("{not json")));
        Assert.StartsWith("GITHUB_EVENT_PATH: the event file cannot be read as JSON", error.Message, StringComparison.Ordinal);
    }
}
