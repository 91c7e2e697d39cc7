using StatusSite.Tests.Support;
using static StatusSite.Tests.Support.GitCommands;

namespace StatusSite.Tests.Integrations;

public sealed class NotifyCommandTests
{
    private const string Secret = "T000SECRET/B000SECRET/xoxsecret0123456789";

    private const string Declared = """
        ---
        title: Elevated API error rates
        severity: SEV2
        components:
          api: partial_outage
        started: 2026-11-26T20:58:00Z
        ---

        ## 2026-11-26 21:08 UTC — Investigating

        We are investigating elevated error rates on the Public API.
        """;

    private const string Updated = """
        ---
        title: Elevated API error rates
        severity: SEV2
        components:
          api: partial_outage
        started: 2026-11-26T20:58:00Z
        ---

        ## 2026-11-26 22:30 UTC — Resolved
        Components: api=operational

        Error rates have been normal for an hour.

        ## 2026-11-26 21:40 UTC — Identified

        A deployment caused the errors; we rolled it back.

        ## 2026-11-26 21:08 UTC — Investigating

        We are investigating elevated error rates on the Public API.
        """;

    /// <summary>A repository whose first commit declares the incident and whose second adds two updates.</summary>
    private static TestSite Repository()
    {
        var site = TestSite.Create().Write("incidents/2026/2026-11-26-api-errors.md", Declared);
        Git(site.Root, "init", "-q");
        Git(site.Root, "add", "-A");
        Git(site.Root, "commit", "-qm", "declare");
        Git(site.Root, "tag", "published");
        site.Write("incidents/2026/2026-11-26-api-errors.md", Updated);
        Git(site.Root, "commit", "-qam", "update");
        return site;
    }

    [Fact]
    public async Task Posts_each_new_update_once_per_target_and_a_rerun_of_the_range_posts_the_same_set()
    {
        var site = Repository();
        await using var server = new FakeWebhookServer();
        string[] args = ["notify", "--input", site.Input, "--theme", TestSite.ThemeDir, "--now", "2026-11-26T23:00:00Z", "--base", "published",
            "--slack-webhook", server.Url("/slack").AbsoluteUri, "--teams-webhook", server.Url("/teams").AbsoluteUri, "--webhook", server.Url("/hook").AbsoluteUri];

        var run = CliRunner.Run(args);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("2 new updates since published.", run.Output);
        Assert.Equal(["A deployment caused the errors; we rolled it back.", "Error rates have been normal for an hour."],
            server.At("/hook").Where(r => r.Body!["incident"] is not null).Select(r => (string?)r.Body!["incident"]!["incident_updates"]![0]!["body"]));
        Assert.Single(server.At("/hook"), r => r.Body!["component_update"] is not null);
        Assert.Equal(2, server.At("/slack").Count);
        Assert.Equal(2, server.At("/teams").Count);
        var first = server.Requests.Select(r => (r.Path, r.Body!.ToJsonString())).Order().ToList();

        var rerun = CliRunner.Run(args);

        Assert.Equal(0, rerun.ExitCode);
        var all = server.Requests.Select(r => (r.Path, r.Body!.ToJsonString())).Order().ToList();
        Assert.Equal(first.SelectMany(r => new[] { r, r }).Order(), all);
    }

    [Fact]
    public async Task A_failing_or_missing_target_is_one_line_and_the_webhook_url_never_appears()
    {
        var site = Repository();
        await using var server = new FakeWebhookServer();
        var secretUrl = server.Url("/" + Secret, "403").AbsoluteUri;

        var run = CliRunner.Run("notify", "--input", site.Input, "--theme", TestSite.ThemeDir, "--now", "2026-11-26T23:00:00Z", "--base", "published",
            "--slack-webhook", secretUrl, "--webhook", server.Url("/hook").AbsoluteUri, "--webhook", "not a url " + Secret);

        Assert.Equal(2, run.ExitCode);
        Assert.DoesNotContain("SECRET", run.Output);

        run = CliRunner.Run("notify", "--input", site.Input, "--theme", TestSite.ThemeDir, "--now", "2026-11-26T23:00:00Z", "--base", "published",
            "--slack-webhook", secretUrl, "--webhook", server.Url("/hook").AbsoluteUri);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.DoesNotContain("SECRET", run.Output);
        Assert.Contains("warning: Slack: HTTP 403 Forbidden; posted 0 of 2 messages.", run.Output);
        Assert.Contains("Teams: skipped, TEAMS_WEBHOOK_URL is not set.", run.Lines);

        Assert.Equal(3, server.At("/hook").Count);
    }

    [Fact]
    public async Task The_webhooks_come_from_the_environment_it_is_given_and_an_empty_variable_is_not_set()
    {
        var site = Repository();
        await using var server = new FakeWebhookServer();
        // Actions passes a secret that is not configured as an empty variable.
        var environment = new Dictionary<string, string>
        {
            ["SLACK_WEBHOOK_URL"] = server.Url("/slack").AbsoluteUri,
            ["TEAMS_WEBHOOK_URL"] = "",
            ["STATUS_WEBHOOK_URLS"] = server.Url("/hook").AbsoluteUri + " " + server.Url("/other").AbsoluteUri,
        };

        var run = CliRunner.Run(TestSite.Parse(TestSite.DefaultNow), environment,
            "notify", "--input", site.Input, "--theme", TestSite.ThemeDir, "--now", "2026-11-26T23:00:00Z", "--base", "published");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(
            ["Teams: skipped, TEAMS_WEBHOOK_URL is not set.", "2 new updates since published.", "Slack: posted 2 messages.", "webhook 1: posted 3 messages.", "webhook 2: posted 3 messages."],
            run.Lines);
        Assert.Equal((2, 3, 3), (server.At("/slack").Count, server.At("/hook").Count, server.At("/other").Count));
    }

    [Fact]
    public void A_base_that_is_not_a_commit_is_a_command_line_mistake()
    {
        var site = Repository();

        var run = CliRunner.Run("notify", "--input", site.Input, "--theme", TestSite.ThemeDir, "--base", "no-such-ref");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--base: 'no-such-ref' is not a commit", run.Output);
    }
}
