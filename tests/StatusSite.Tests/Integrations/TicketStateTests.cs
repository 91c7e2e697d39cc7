using System.Diagnostics;
using System.Text.Json.Nodes;
using StatusSite.Integrations;
using StatusSite.Integrations.Tickets;
using StatusSite.Model;
using StatusSite.Tests.Support;

namespace StatusSite.Tests.Integrations;

public sealed class TicketStateTests
{
    private const string Token = "ghp_STATEsecret0123456789abcdefTOKEN";
    private const string JiraToken = "ATATT3xSTATEjira0123456789";

    private const string LinkedItems = """
        action_items:
          - title: Add connection-pool saturation alert
            type: detect
            priority: P1
            owner: Platform team
            issue: 42
            status: open
          - title: Reject unknown pool settings at startup
            type: prevent
            priority: P2
            owner: Platform team
            issue: OPS-7
            status: in_progress
        """;

    private const string SiteYml = TestSite.DefaultSiteYml + """

        tickets:
          jira_url: https://acme.atlassian.net
        """;

    private const string Note = "Statuses as written in this postmortem: the linked tickets were not read when this page was built.";

    private static TestSite Site() => TicketsSyncTests.Site(SiteYml, LinkedItems);

    private static Dictionary<string, string> Env(FakeTrackerServer server) => new()
    {
        ["GITHUB_TOKEN"] = Token, ["GITHUB_API_URL"] = server.Base.AbsoluteUri,
        ["JIRA_BASE_URL"] = server.Base.AbsoluteUri, ["JIRA_USER_EMAIL"] = "ops@acme.example", ["JIRA_API_TOKEN"] = JiraToken,
    };

    private static FakeTrackerServer Trackers(string github = "closed", string jira = "indeterminate")
    {
        var server = new FakeTrackerServer();
        server.On("GET /repos/acme/status/issues/42", _ => new TrackerAnswer(200, new JsonObject { ["number"] = 42, ["state"] = github, ["title"] = "x" }));
        server.On("GET /rest/api/3/issue/OPS-7", _ => new TrackerAnswer(200, new JsonObject { ["key"] = "OPS-7", ["fields"] = new JsonObject { ["status"] = new JsonObject { ["statusCategory"] = new JsonObject { ["key"] = jira } } } }));
        return server;
    }

    private static CliRun Build(TestSite site, Dictionary<string, string> environment, params string[] extra) =>
        CliRunner.Run(TestSite.Parse(TestSite.DefaultNow), environment, [.. CliRunner.BuildArgs(site), .. extra]);

    private static string Cells(TestSite site) =>
        string.Join(" | ", site.Page("postmortems/api-outage/").QuerySelectorAll("table.action-items tbody tr td:last-child").Select(td => td.TextContent));

    [Fact]
    public async Task With_credentials_the_table_shows_each_tickets_state_and_when_it_was_read()
    {
        using var site = Site();
        await using var server = Trackers();

        var run = Build(site, Env(server));

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal("#42Closed, read 27 Nov 2026, 00:00 UTC | OPS-7In progress, read 27 Nov 2026, 00:00 UTC", Cells(site));
        Assert.Null(site.Page("postmortems/api-outage/").QuerySelector(".ticket-note"));
        Assert.Equal("https://acme.atlassian.net/browse/OPS-7", site.Page("postmortems/api-outage/").QuerySelectorAll("table.action-items a")[1].GetAttribute("href"));
        Assert.Single(server.To("GET /repos/acme/status/issues/42"));
        Assert.Equal("?fields=status", server.To("GET /rest/api/3/issue/OPS-7").Single().Query);
        Assert.DoesNotContain(Token, run.Output);
        Assert.DoesNotContain("Ticket states", run.Output);
    }

    [Fact]
    public async Task Without_credentials_or_with_no_ticket_state_the_front_matter_is_shown_and_the_page_says_so()
    {
        using var site = Site();
        var offline = Build(site, []);

        Assert.True(offline.ExitCode == 0, offline.Output);
        Assert.Equal("#42 | OPS-7", Cells(site));
        Assert.Equal(Note, site.Page("postmortems/api-outage/").QuerySelector(".ticket-note")!.TextContent);
        Assert.Contains("Ticket states from GitHub: skipped, GITHUB_TOKEN is not set. The postmortem pages show the statuses their files give.", offline.Lines);
        Assert.Contains("Ticket states from Jira: skipped, JIRA_BASE_URL and JIRA_USER_EMAIL and JIRA_API_TOKEN are not set. The postmortem pages show the statuses their files give.", offline.Lines);

        await using var server = Trackers();
        var opted = Build(site, Env(server), "--no-ticket-state");

        Assert.True(opted.ExitCode == 0, opted.Output);
        Assert.Empty(server.Requests);
        Assert.Equal(Note, site.Page("postmortems/api-outage/").QuerySelector(".ticket-note")!.TextContent);
        Assert.DoesNotContain("Ticket states", opted.Output);
    }

    [Fact]
    public async Task A_tracker_that_refuses_is_a_warning_without_the_token_and_its_ticket_falls_back()
    {
        using var site = Site();
        await using var server = Trackers();
        server.On("GET /repos/acme/status/issues/42", _ => new TrackerAnswer(401, new JsonObject { ["message"] = "Bad credentials " + Token }));

        var run = Build(site, Env(server));

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("warning: ticket states: GitHub refused the token (HTTP 401)", run.Output);
        Assert.DoesNotContain(Token, run.Output);
        Assert.DoesNotContain(JiraToken, run.Output);
        Assert.Equal("#42 | OPS-7In progress, read 27 Nov 2026, 00:00 UTC", Cells(site));
        Assert.Equal(Note, site.Page("postmortems/api-outage/").QuerySelector(".ticket-note")!.TextContent);
    }

    [Fact]
    public async Task A_repository_that_is_not_owner_slash_name_reads_nothing_from_GitHub_and_the_build_succeeds()
    {
        using var site = TicketsSyncTests.Site(SiteYml.Replace("repository: acme/status", "repository: acme status", StringComparison.Ordinal), LinkedItems);
        await using var server = Trackers();

        var run = Build(site, Env(server));

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Empty(server.To("GET /repos/acme/status/issues/42"));
        Assert.Equal("#42 | OPS-7In progress, read 27 Nov 2026, 00:00 UTC", Cells(site));
    }

    private static async Task<(TicketStateReader Reader, TicketStates States, TimeSpan Took)> Read(FakeTrackerServer server, TicketReadOptions options, int items)
    {
        var text = "action_items:\n" + string.Concat(Enumerable.Range(1, items).Select(n => $"  - title: Item {n}\n    type: detect\n    priority: P1\n    owner: Team\n    issue: {n}\n    status: open\n"));
        using var site = TicketsSyncTests.Site(actionItems: text);
        var (model, bag) = SiteBuilder.Analyze(site.Input, TestSite.Parse(TestSite.DefaultNow));
        Assert.True(model is not null, string.Join('\n', bag.Sorted()));
        var once = RetryPolicy.Default with { MaxRetries = 0, AttemptTimeout = options.Budget };
        var reader = new TicketStateReader(s => [new GitHubTracker(new GitHubAccess(server.Base, Token, "acme/status"), "acme/status", new RetryingHandler(once))], options);
        var watch = Stopwatch.StartNew();
        var states = await reader.ReadAsync(model.Settings, model.Postmortems.Select(p => p.Source));
        return (reader, states, watch.Elapsed);
    }

    [Fact]
    public async Task A_tracker_that_never_answers_holds_the_reading_no_longer_than_the_budget()
    {
        await using var server = new FakeTrackerServer();
        for (var n = 1; n <= 6; n++)
        {
            server.On($"GET /repos/acme/status/issues/{n}", _ => TrackerAnswer.Never);
        }

        var (reader, states, took) = await Read(server, new TicketReadOptions(TimeSpan.FromSeconds(1), 2), 6);

        Assert.Equal(0, states.Count);
        Assert.True(took < TimeSpan.FromSeconds(2.5), $"the reading took {took}");
        Assert.Contains(reader.Problems, p => p.StartsWith("not every ticket was read within 1 s", StringComparison.Ordinal) || p == "GitHub did not answer in time");
    }

    [Fact]
    public async Task A_rate_limit_stops_the_reading_at_once_and_the_tickets_read_are_kept()
    {
        await using var server = new FakeTrackerServer();
        server.On("GET /repos/acme/status/issues/1", _ => new TrackerAnswer(200, new JsonObject { ["number"] = 1, ["state"] = "open" }));
        for (var n = 2; n <= 6; n++)
        {
            server.On($"GET /repos/acme/status/issues/{n}", _ => new TrackerAnswer(403, new JsonObject { ["message"] = "API rate limit exceeded" }, new Dictionary<string, string> { ["x-ratelimit-remaining"] = "0", ["x-ratelimit-reset"] = "1795000000" }));
        }

        var (reader, states, _) = await Read(server, new TicketReadOptions(TimeSpan.FromSeconds(5), 1), 6);

        Assert.Equal(1, states.Count);
        Assert.Equal(2, server.Requests.Count);
        Assert.Single(reader.Problems, p => p.Contains("rate limit", StringComparison.Ordinal));
    }
}
