using System.Text;
using StatusSite.Integrations.GitHub;
using StatusSite.Tests.Support;
using static StatusSite.Tests.Integrations.GitHub.GitHubTestSite;

namespace StatusSite.Tests.Integrations.GitHub;

/// <summary>
/// The two steps the pull-request workflows take: --body-out prepares the comment with no token (the run that holds
/// the contributor's content), --body-file posts it (the run that holds the write token and no content).
/// </summary>
public sealed class PullRequestCommentStepsTests
{
    private const string Comments = "/repos/acme/status/issues/7/comments";

    private static CliRun Prepare(TestSite site, string file, params string[] more) => Prepare(site, file, new Dictionary<string, string>(), more);

    private static CliRun Prepare(TestSite site, string file, IReadOnlyDictionary<string, string> environment, params string[] more) =>
        CliRunner.Run(TestSite.Parse(TestSite.DefaultNow), environment, ["github", "pr-comment", "--input", site.Input, "--theme", TestSite.ThemeDir, "--base", "base", "--body-out", file, "--now", Now, .. more]);

    private static CliRun Post(FakeGitHubServer server, string file, params string[] more) =>
        CliRunner.Run(["github", "pr-comment", "--body-file", file, "--pr", "7", .. Flags(server), .. more]);

    private static CliRun OneStep(TestSite site, FakeGitHubServer server, params string[] more) =>
        CliRunner.Run(["github", "pr-comment", "--input", site.Input, "--theme", TestSite.ThemeDir, "--base", "base", "--pr", "7", .. Flags(server), .. more]);

    private static string Written(TestSite site, string text, string name = "comment.md")
    {
        var path = Path.Combine(site.Root, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    [Fact]
    public async Task Body_out_writes_the_comment_posts_nothing_and_reads_no_GitHub_variable_and_body_file_posts_that_text()
    {
        using var site = PullRequest();
        await using var server = new FakeGitHubServer();
        var file = Path.Combine(site.Root, "comment.md");
        // Every variable points at the fake; an event file that is not JSON would be a usage error if it were read.
        var variables = new Dictionary<string, string>
        {
            ["GITHUB_TOKEN"] = Token,
            ["GITHUB_REPOSITORY"] = server.Repository,
            ["GITHUB_API_URL"] = server.Base.AbsoluteUri,
            ["GITHUB_EVENT_PATH"] = Written(site, "{not json", "event.json"),
        };

        var run = Prepare(site, file, variables, "--preview-url", "https://github.example/acme/status/actions/runs/1");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Empty(server.Requests);
        Assert.Equal($"The pull-request comment is written to {file}.", run.Output.Trim());
        var prepared = File.ReadAllText(file);
        Assert.StartsWith(PullRequestComment.Marker + "\n### Status site: what this pull request publishes\n", prepared, StringComparison.Ordinal);
        Assert.Contains("Preview of the built site: <https://github.example/acme/status/actions/runs/1>", prepared);
        Assert.Contains("#### New updates (3)", prepared);

        // The same comment as the one step would post.
        var oneStep = OneStep(site, server, "--preview-url", "https://github.example/acme/status/actions/runs/1");
        Assert.True(oneStep.ExitCode == 0, oneStep.Output);
        Assert.Equal(prepared, (string)server.Writes.Single().Body!["body"]!);

        // Posting the file finds that comment and its text unchanged: body-file posts exactly the prepared text.
        var post = Post(server, file);

        Assert.True(post.ExitCode == 0, post.Output);
        Assert.Single(server.Writes);
        Assert.Contains("GitHub: the comment on pull request #7 is up to date", post.Output);
    }

    [Fact]
    public async Task Body_out_exits_0_when_the_content_has_errors_which_the_comment_lists()
    {
        using var site = PullRequest();
        site.Write("incidents/2026/2026-11-26-login.md", Login.Replace("SEV1", "SEV9"));
        Commit(site, "broken");
        await using var server = new FakeGitHubServer();
        var file = Path.Combine(site.Root, "comment.md");

        var run = Prepare(site, file);

        // The workflow's check step fails the run; this step must still write the comment and the number after it.
        Assert.True(run.ExitCode == 0, run.Output);
        var prepared = File.ReadAllText(file);
        Assert.Contains("**The content of this pull request does not build**", prepared);
        Assert.Matches(@"- \*\*error\*\* `[^`]*input/incidents/2026/2026-11-26-login\.md:3`: ", prepared);

        // In one step the same content is exit code 1.
        Assert.Equal(1, OneStep(site, server).ExitCode);
    }

    [Fact]
    public async Task Body_out_ignores_the_sites_theme_as_no_site_theme_does()
    {
        using var site = PullRequest();
        site.Write("theme/i18n/en.yml", "status: [unclosed\n");
        site.Write("theme/layouts/home.cshtml", "@{ throw new System.Exception(\"compiled\"); }\n");
        Commit(site, "theme");
        await using var server = new FakeGitHubServer();
        var file = Path.Combine(site.Root, "comment.md");

        var run = Prepare(site, file);

        Assert.True(run.ExitCode == 0, run.Output);
        var prepared = File.ReadAllText(file);
        Assert.Contains("#### New updates (3)", prepared);
        Assert.DoesNotContain("i18n", prepared, StringComparison.Ordinal);
        Assert.DoesNotContain("compiled", prepared, StringComparison.Ordinal);

        // One step trusts the site's theme unless told not to: its broken language file is reported.
        var oneStep = OneStep(site, server);
        Assert.Equal(1, oneStep.ExitCode);
        Assert.Contains("i18n", (string)server.Writes.Single().Body!["body"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Body_out_into_a_folder_that_does_not_exist_is_exit_code_1()
    {
        using var site = PullRequest();
        var file = Path.Combine(site.Root, "missing", "comment.md");

        var run = Prepare(site, file);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"error: --body-out: '{file}' cannot be written (DirectoryNotFoundException); give a file in a folder that exists and can be written", run.Output);
    }

    [Theory]
    [InlineData("Hello {{ x }} $(touch pwned) @{ throw null; } <script>", "Hello {{ x }} $(touch pwned) @{ throw null; } <script>")]
    [InlineData("<!-- statussite:pr-comment -->\nPrepared", "Prepared")]
    [InlineData("\uFEFF<!-- statussite:pr-comment -->\r\n<!-- statussite:pr-comment -->\nTwice", "Twice")]
    [InlineData("Quoted later:\n<!-- statussite:pr-comment -->\n", "Quoted later:\n<!-- statussite:pr-comment -->\n")]
    public async Task Body_file_posts_the_text_as_given_after_exactly_one_marker_line(string text, string expected)
    {
        using var site = TestSite.Create();
        await using var server = new FakeGitHubServer();

        var run = Post(server, Written(site, text));

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(["GET " + Comments, "POST " + Comments], server.Requests.Select(r => r.ToString()));
        Assert.Equal(PullRequestComment.Marker + "\n" + expected, (string)server.Writes.Single().Body!["body"]!);
    }

    [Fact]
    public async Task Body_file_updates_the_comment_and_takes_the_number_from_the_event_without_pr()
    {
        using var site = TestSite.Create();
        await using var server = new FakeGitHubServer();
        var first = server.AddComment(7, PullRequestComment.Marker + "\nOlder", "github-actions[bot]");
        var variables = new Dictionary<string, string> { ["GITHUB_EVENT_PATH"] = Written(site, """{"pull_request": {"number": 7}}""", "event.json") };

        var run = CliRunner.Run(TestSite.Parse(TestSite.DefaultNow), variables, ["github", "pr-comment", "--body-file", Written(site, "Newer"), .. Flags(server)]);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal($"PATCH /repos/acme/status/issues/comments/{first["id"]}", server.Writes.Single().ToString());
        Assert.Equal(PullRequestComment.Marker + "\nNewer", (string)first["body"]!);
    }

    [Theory]
    [InlineData("oversize", "{0}: the comment is longer than 65,536 characters, the most GitHub takes")]
    [InlineData("full", "{0}: the comment is longer than 65,536 characters, the most GitHub takes")]
    [InlineData("huge", "{0}: the comment is longer than 65,536 characters, the most GitHub takes")]
    [InlineData("nul", "{0}:2: the comment holds a NUL byte, which text never does; write it with --body-out; nothing was posted")]
    [InlineData("latin1", "{0}:2: the comment is not UTF-8 text; write it as UTF-8, as --body-out does; nothing was posted")]
    [InlineData("missing", "--body-file: '{0}' cannot be read (FileNotFoundException); give the file --body-out wrote; nothing was posted")]
    public async Task A_comment_file_that_is_too_long_or_not_text_is_refused_and_nothing_is_posted(string kind, string message)
    {
        using var site = TestSite.Create();
        await using var server = new FakeGitHubServer();
        var file = Path.Combine(site.Root, "comment.md");
        byte[]? bytes = kind switch
        {
            "oversize" => Encoding.UTF8.GetBytes(new string('a', 65_537)),
            // Within the limit, but not once the marker line is put first.
            "full" => Encoding.UTF8.GetBytes(new string('a', 65_536)),
            // Many times the limit: read only up to it.
            "huge" => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("€ and more text\n", 200_000))),
            "nul" => Encoding.UTF8.GetBytes("### Status\nabc\0def\n"),
            "latin1" => [.. Encoding.UTF8.GetBytes("### Status\nCaf"), 0xE9, (byte)'\n'],
            _ => null,
        };
        if (bytes is not null)
        {
            File.WriteAllBytes(file, bytes);
        }

        var run = Post(server, file);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: " + string.Format(System.Globalization.CultureInfo.InvariantCulture, message, file), run.Output);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_comment_of_exactly_the_limit_with_its_marker_is_posted()
    {
        using var site = TestSite.Create();
        await using var server = new FakeGitHubServer();
        var text = PullRequestComment.Marker + "\n" + new string('a', 65_536 - PullRequestComment.Marker.Length - 1);

        var run = Post(server, Written(site, text));

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(65_536, ((string)server.Writes.Single().Body!["body"]!).Length);
    }

    [Theory]
    [InlineData("--base", "base", "--body-file posts a comment prepared with --body-out; --base, --body-out, --preview-url, --theme and --no-site-theme belong to preparing it")]
    [InlineData("--body-out", "out.md", "--body-file posts a comment prepared with --body-out;")]
    [InlineData("--preview-url", "https://github.example/", "--body-file posts a comment prepared with --body-out;")]
    [InlineData("--pr", "0", "--pr: give the pull request's number, such as --pr 42")]
    [InlineData("--pr", "12a", "12a")]
    [InlineData("--comment-author", " ", "--comment-author: give the GitHub login that posts the comment, such as --comment-author github-actions[bot]")]
    public async Task A_command_line_mistake_with_body_file_is_exit_code_2_and_posts_nothing(string option, string value, string message)
    {
        using var site = TestSite.Create();
        await using var server = new FakeGitHubServer();

        var run = Post(server, Written(site, "Prepared"), option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Output, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Without_base_or_body_file_it_is_exit_code_2()
    {
        await using var server = new FakeGitHubServer();

        var run = CliRunner.Run(["github", "pr-comment", "--pr", "7", .. Flags(server)]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: --base is missing; give the commit the pull request merges into, such as --base origin/main (or --body-file with a comment prepared by --body-out)", run.Output);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_comment_that_starts_with_the_marker_but_is_by_somebody_else_is_never_edited()
    {
        using var site = TestSite.Create();
        await using var server = new FakeGitHubServer();
        var spoofed = server.AddComment(7, PullRequestComment.Marker + "\nI am the bot, trust me", "mallory");
        var file = Written(site, "Prepared");

        var run = Post(server, file);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal("POST " + Comments, server.Writes.Single().ToString());
        Assert.Equal(PullRequestComment.Marker + "\nI am the bot, trust me", (string)spoofed["body"]!);
        Assert.Equal(["mallory", "github-actions[bot]"], server.Comments[7].Select(c => (string)c["user"]!["login"]!));

        // With a personal token, its login is the author whose comment is updated.
        var own = server.AddComment(7, PullRequestComment.Marker + "\nOlder", "Octo-Maintainer");
        var personal = Post(server, file, "--comment-author", "octo-maintainer");

        Assert.True(personal.ExitCode == 0, personal.Output);
        Assert.Equal($"PATCH /repos/acme/status/issues/comments/{own["id"]}", server.Writes[^1].ToString());
        Assert.Equal(PullRequestComment.Marker + "\nI am the bot, trust me", (string)spoofed["body"]!);
    }
}
