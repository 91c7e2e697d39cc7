using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using StatusSite.Integrations;
using StatusSite.Integrations.Tickets;
using StatusSite.Tests.Support;

namespace StatusSite.Tests.Integrations;

public sealed class TicketsSyncTests
{
    private const string Token = "ghp_SECRETsecret0123456789abcdefTOKEN";
    private const string JiraToken = "ATATT3xFfGF0SECRETjira0123456789";
    private const string PostmortemPath = "postmortems/api-outage.md";

    internal const string TwoItems = """
        action_items:
          - title: Add connection-pool saturation alert
            type: detect
            priority: P1
            owner: Platform team
            status: open
            due: 2026-12-15
          - title: Reject unknown pool settings at startup
            type: prevent
            priority: P2
            owner: Platform team
            status: in_progress
        """;

    internal static TestSite Site(string siteYml = TestSite.DefaultSiteYml, string actionItems = TwoItems)
    {
        var site = TestSite.Create(siteYml);
        site.Write("incidents/api-outage.md", Postmortems.Incident());
        site.Write(PostmortemPath, Postmortems.File(Postmortems.FrontMatter(actionItems: actionItems), Postmortems.Body()));
        return site;
    }

    private static CliRun Sync(TestSite site, Dictionary<string, string> environment, params string[] extra) =>
        CliRunner.Run(TestSite.Parse(TestSite.DefaultNow), environment, ["tickets", "sync", "--input", site.Input, .. extra]);

    private static Dictionary<string, string> GitHubEnv(FakeTrackerServer server) =>
        new() { ["GITHUB_TOKEN"] = Token, ["GITHUB_REPOSITORY"] = "acme/status", ["GITHUB_API_URL"] = server.Base.AbsoluteUri };

    private static Dictionary<string, string> JiraEnv(FakeTrackerServer server) =>
        new() { ["JIRA_BASE_URL"] = server.Base.AbsoluteUri, ["JIRA_USER_EMAIL"] = "ops-bot@acme.example", ["JIRA_API_TOKEN"] = JiraToken };

    private const string JiraSiteYml = TestSite.DefaultSiteYml + """

        tickets:
          tracker: jira
          project: OPS
          issue_type: Task
          jira_url: https://acme.atlassian.net
        """;

    [Fact]
    public async Task GitHub_files_one_issue_per_action_item_with_marker_labels_and_facts_and_a_rerun_files_none()
    {
        using var site = Site();
        await using var server = new FakeTrackerServer();
        var github = new FakeGitHub(server);

        var first = Sync(site, GitHubEnv(server));

        Assert.True(first.ExitCode == 0, first.Output);
        var created = server.To("POST /repos/acme/status/issues");
        Assert.Equal(2, created.Count);
        var body = created[0].Body!;
        Assert.Equal("Add connection-pool saturation alert", body["title"]!.ToString());
        Assert.Equal(["postmortem", "action-item"], body["labels"]!.AsArray().Select(l => l!.ToString()));
        var text = body["body"]!.ToString();
        Assert.Matches(@"^<!-- statussite:action-item api-outage#[0-9a-f]{10} -->\n", text);
        Assert.Contains("(https://status.acme.example/postmortems/api-outage/)", text);
        Assert.Contains("- **Type:** detect", text);
        Assert.Contains("- **Priority:** P1", text);
        Assert.Contains("- **Owner:** Platform team", text);
        Assert.Contains("- **Due:** 2026-12-15", text);
        Assert.DoesNotContain("Due", created[1].Body!["body"]!.ToString());
        Assert.All(server.Requests, r =>
        {
            Assert.Equal("Token " + Token, r.Headers["Authorization"]);
            Assert.StartsWith("statussite", r.Headers["User-Agent"]);
        });
        Assert.Contains("state=all", server.To("GET /repos/acme/status/issues")[0].Query);
        Assert.Contains("labels=action-item", server.To("GET /repos/acme/status/issues")[0].Query);
        Assert.Contains("input/postmortems/api-outage.md:8: issue: 1 (created) Add connection-pool saturation alert", first.Output);
        Assert.Contains("issue: 2 (created) Reject unknown pool settings at startup", first.Output);
        Assert.DoesNotContain(Token, first.Output);

        var second = Sync(site, GitHubEnv(server));

        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Equal(2, server.To("POST /repos/acme/status/issues").Count);
        Assert.Equal(2, github.Issues.Count);
        Assert.Contains("issue: 1 (found, filed earlier) Add connection-pool saturation alert", second.Output);
    }

    [Fact]
    public async Task Write_adds_one_issue_line_per_item_and_nothing_else_and_the_site_still_checks()
    {
        using var site = Site();
        await using var server = new FakeTrackerServer();
        _ = new FakeGitHub(server);
        var path = Path.Combine(site.Input, PostmortemPath);
        var before = File.ReadAllLines(path);

        var run = Sync(site, GitHubEnv(server), "--write");

        Assert.True(run.ExitCode == 0, run.Output);
        var after = File.ReadAllLines(path);
        Assert.Equal(before.Length + 2, after.Length);
        var added = after.Select((l, i) => (l, i)).Where(x => x.l.TrimStart().StartsWith("issue:", StringComparison.Ordinal)).ToList();
        Assert.Equal(["    issue: 1", "    issue: 2"], added.Select(a => a.l));
        Assert.Equal(before, after.Where(l => !l.TrimStart().StartsWith("issue:", StringComparison.Ordinal)));
        Assert.Equal("    owner: Platform team", after[added[0].i + 1]);
        Assert.Equal(0, CliRunner.Run("check", "--input", site.Input, "--now", TestSite.DefaultNow).ExitCode);

        var rerun = Sync(site, GitHubEnv(server), "--write");
        Assert.Contains("0 action items of published postmortems without a ticket.", rerun.Output);
        Assert.Equal(after, File.ReadAllLines(path));
        Assert.Equal(2, server.To("POST /repos/acme/status/issues").Count);
    }

    [Fact]
    public async Task GitHub_labels_dropped_on_create_is_an_error_that_says_a_rerun_would_file_again()
    {
        using var site = Site();
        await using var server = new FakeTrackerServer();
        _ = new FakeGitHub(server) { LabelsOnCreate = false };

        var run = Sync(site, GitHubEnv(server));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("created without its labels", run.Output);
        Assert.Single(server.To("POST /repos/acme/status/issues"));
    }

    public static TheoryData<int, string, string> Refusals => new()
    {
        { 401, "", "GitHub refused the token (HTTP 401)" },
        { 403, "x-ratelimit-remaining=0;x-ratelimit-limit=1000;x-ratelimit-reset=1795000000", "GitHub's rate limit is reached (HTTP 403)" },
        { 404, "", "GitHub answered 404" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task GitHub_refusals_are_one_line_without_the_token_and_file_nothing(int status, string headers, string message)
    {
        using var site = Site();
        await using var server = new FakeTrackerServer();
        var answerHeaders = headers.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(h => h.Split('=')).ToDictionary(h => h[0], h => h[1]);
        server.On("GET /repos/acme/status/issues", _ => new TrackerAnswer(status, new JsonObject { ["message"] = "refused " + Token }, answerHeaders));

        var run = Sync(site, GitHubEnv(server));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: GitHub: " + message, run.Output);
        Assert.Contains("0 of 2 action items synced", run.Output);
        Assert.DoesNotContain(Token, run.Output);
        Assert.Empty(server.To("POST /repos/acme/status/issues"));
    }

    private static readonly RetryPolicy Quick = new(2, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));

    private static async Task<(SyncResult Result, TimeSpan Took)> SyncWith(ITicketTracker tracker, TestSite site)
    {
        var (model, bag) = SiteBuilder.Analyze(site.Input, TestSite.Parse(TestSite.DefaultNow));
        Assert.True(model is not null, string.Join('\n', bag.Sorted()));
        var watch = Stopwatch.StartNew();
        var result = await TicketSync.SyncAsync(tracker, ActionItemTicket.Pending(model), CancellationToken.None);
        return (result, watch.Elapsed);
    }

    [Fact]
    public async Task GitHub_429_with_Retry_After_is_retried_through_the_pipeline_and_then_succeeds()
    {
        using var site = Site();
        await using var server = new FakeTrackerServer();
        _ = new FakeGitHub(server);
        var listed = 0;
        server.On("GET /repos/acme/status/issues", _ => Interlocked.Increment(ref listed) == 1
            ? new TrackerAnswer(429, new JsonObject(), new Dictionary<string, string> { ["Retry-After"] = "1" })
            : new TrackerAnswer(200, new JsonArray()));
        using var tracker = new GitHubTracker(new GitHubAccess(server.Base, Token, "acme/status"), "acme/status", new RetryingHandler(Quick));

        var (result, took) = await SyncWith(tracker, site);

        Assert.Null(result.Failure);
        Assert.Equal(2, listed);
        Assert.True(took >= TimeSpan.FromSeconds(0.9), $"the retry waited {took}, not the second Retry-After asked for");
        Assert.Equal(2, result.Synced.Count(s => s.Created));
    }

    [Fact]
    public async Task GitHub_500_is_retried_then_reported_and_a_server_that_never_answers_is_given_up_in_bounded_time()
    {
        using var site = Site();
        await using var server = new FakeTrackerServer();
        server.On("GET /repos/acme/status/issues", _ => new TrackerAnswer(500));
        using var failing = new GitHubTracker(new GitHubAccess(server.Base, Token, "acme/status"), "acme/status", new RetryingHandler(Quick));

        var (result, _) = await SyncWith(failing, site);

        Assert.Equal("GitHub answered HTTP 500", result.Failure);
        Assert.Equal(3, server.To("GET /repos/acme/status/issues").Count);

        await using var silent = new FakeTrackerServer();
        silent.On("GET /repos/acme/status/issues", _ => TrackerAnswer.Never);
        using var hanging = new GitHubTracker(new GitHubAccess(silent.Base, Token, "acme/status"), "acme/status", new RetryingHandler(Quick));

        var (timedOut, took) = await SyncWith(hanging, site);

        Assert.Equal("GitHub did not answer in time", timedOut.Failure);
        Assert.True(took < TimeSpan.FromSeconds(10), $"took {took}");
        Assert.DoesNotContain(Token, timedOut.Failure);
    }

    [Fact]
    public void A_missing_secret_skips_the_tracker_with_one_line_and_succeeds()
    {
        using var site = Site();
        var github = Sync(site, []);
        Assert.Equal(0, github.ExitCode);
        Assert.Equal(["GitHub: skipped, GITHUB_TOKEN is not set."], github.Lines);

        using var jiraSite = Site(JiraSiteYml);
        var jira = Sync(jiraSite, new() { ["JIRA_BASE_URL"] = "https://acme.atlassian.net" });
        Assert.Equal(0, jira.ExitCode);
        Assert.Equal(["Jira: skipped, JIRA_USER_EMAIL and JIRA_API_TOKEN are not set."], jira.Lines);
    }

    [Fact]
    public async Task Jira_creates_issues_with_ADF_labels_and_basic_auth_and_a_rerun_finds_them_by_label()
    {
        using var site = Site(JiraSiteYml);
        await using var server = new FakeTrackerServer();
        var created = new List<JsonNode>();
        server.On("POST /rest/api/3/issue", request =>
        {
            lock (created)
            {
                created.Add(request.Body!);
                return new TrackerAnswer(201, new JsonObject { ["id"] = "1074" + created.Count, ["key"] = "OPS-12" + created.Count, ["self"] = "x" });
            }
        });
        server.On("POST /rest/api/3/search/jql", _ =>
        {
            lock (created)
            {
                return new TrackerAnswer(200, new JsonObject
                {
                    ["issues"] = new JsonArray([.. created.Select((c, i) => (JsonNode)new JsonObject { ["id"] = "1", ["key"] = "OPS-12" + (i + 1), ["fields"] = new JsonObject { ["labels"] = c["fields"]!["labels"]!.DeepClone() } })]),
                    ["isLast"] = true,
                });
            }
        });

        var first = Sync(site, JiraEnv(server));

        Assert.True(first.ExitCode == 0, first.Output);
        var search = server.To("POST /rest/api/3/search/jql")[0];
        var fields = created[0]["fields"]!;
        var marker = fields["labels"]!.AsArray().Select(l => l!.ToString()).Single(l => l.StartsWith("statussite-", StringComparison.Ordinal));
        Assert.Matches("^statussite-[0-9a-f]{16}$", marker);
        Assert.Contains($"project = \"OPS\" AND labels in (\"{marker}\"", search.Body!["jql"]!.ToString());
        Assert.Equal(["labels"], search.Body!["fields"]!.AsArray().Select(f => f!.ToString()));
        Assert.Equal("OPS", fields["project"]!["key"]!.ToString());
        Assert.Equal("Task", fields["issuetype"]!["name"]!.ToString());
        Assert.Equal("Add connection-pool saturation alert", fields["summary"]!.ToString());
        Assert.Equal(["postmortem", "action-item", marker], fields["labels"]!.AsArray().Select(l => l!.ToString()));
        Assert.Equal("doc", fields["description"]!["type"]!.ToString());
        Assert.Equal(1, fields["description"]!["version"]!.GetValue<int>());
        var link = fields["description"]!["content"]![0]!["content"]![1]!;
        Assert.Equal("https://status.acme.example/postmortems/api-outage/", link["marks"]![0]!["attrs"]!["href"]!.ToString());
        Assert.Contains("Owner: ", fields["description"]!.ToJsonString());
        var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ops-bot@acme.example:" + JiraToken));
        Assert.All(server.Requests, r => Assert.Equal(basic, r.Headers["Authorization"]));
        Assert.Contains("issue: OPS-121 (created)", first.Output);
        Assert.Contains("issue: OPS-122 (created)", first.Output);

        var second = Sync(site, JiraEnv(server), "--write");

        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Equal(2, created.Count);
        Assert.Contains("issue: OPS-121 (found, filed earlier)", second.Output);
        Assert.Contains("    issue: OPS-122", File.ReadAllText(Path.Combine(site.Input, PostmortemPath)));
        Assert.Equal(0, CliRunner.Run("check", "--input", site.Input, "--now", TestSite.DefaultNow).ExitCode);
        Assert.DoesNotContain(JiraToken, first.Output + second.Output);
    }

    [Theory]
    [InlineData(401, "", "Jira refused the credentials (HTTP 401)")]
    [InlineData(403, "X-RateLimit-Remaining=0", "Jira's rate limit is reached (HTTP 403)")]
    [InlineData(404, "", "Jira answered 404")]
    [InlineData(429, "Retry-After=120", "Jira's rate limit is reached (HTTP 429)")]
    public async Task Jira_refusals_are_one_line_without_the_token(int status, string header, string message)
    {
        using var site = Site(JiraSiteYml);
        await using var server = new FakeTrackerServer();
        var headers = header.Length == 0 ? null : new Dictionary<string, string> { [header.Split('=')[0]] = header.Split('=')[1] };
        server.On("POST /rest/api/3/search/jql", _ => new TrackerAnswer(status, new JsonObject { ["errorMessages"] = new JsonArray(JiraToken) }, headers));

        var run = Sync(site, JiraEnv(server));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: Jira: " + message, run.Output);
        Assert.DoesNotContain(JiraToken, run.Output);
        Assert.Empty(server.To("POST /rest/api/3/issue"));
    }

    [Fact]
    public void An_access_record_never_prints_its_token()
    {
        Assert.DoesNotContain(Token, new GitHubAccess(new Uri("https://api.github.com/"), Token, "acme/status").ToString());
        Assert.DoesNotContain(JiraToken, new JiraAccess(new Uri("https://acme.atlassian.net/"), "ops@acme.example", JiraToken).ToString());
    }
}
