using StatusSite.Core;
using StatusSite.Integrations.GitHub;
using StatusSite.Tests.Support;
using static StatusSite.Tests.Integrations.GitHub.GitHubTestSite;

namespace StatusSite.Tests.Integrations.GitHub;

public sealed class RemindTests
{
    private const string Issues = "/repos/acme/status/issues";

    private static readonly string SiteYml = TestSite.DefaultSiteYml + """

        reminders:
          assignees: [octocat, hubot]
          labels: [incident-reminder]
        """;

    /// <summary>An open SEV1 whose last update (22:00) is past the 30-minute policy at 23:00, without a 'Next update:' promise.</summary>
    private static string Late(string? newer = null) => Incidents.File(
        "title: Login failures for @acme/oncall\nseverity: SEV1\ncomponents:\n  dashboard: major_outage\nstarted: 2026-11-26T21:50:00Z",
        [.. newer is null ? Array.Empty<string>() : [newer], Incidents.Update("2026-11-26 22:00 UTC", "Investigating", "Sign-ins fail for most users.")]);

    /// <summary>A site with the late SEV1, a resolved SEV2 whose postmortem was due on 23 Nov, and an open SEV3 (no policy, no reminder).</summary>
    private static TestSite Site() => TestSite.Create(SiteYml)
        .Write("incidents/2026/2026-11-26-login.md", Late())
        .Write("incidents/2026/api-outage.md", Postmortems.Incident())
        .Write("incidents/2026/2026-11-26-slow.md", Incidents.File(
            "title: Slow webhooks\nseverity: SEV3\ncomponents:\n  webhooks: degraded_performance",
            Incidents.Update("2026-11-26 12:00 UTC", "Investigating", "Deliveries are delayed.")));

    private static CliRun Remind(TestSite site, FakeGitHubServer server) => CliRunner.Run(["github", "remind", "--input", site.Input, .. Flags(server)]);

    [Fact]
    public async Task Opens_one_issue_per_cause_closes_stale_ones_and_a_rerun_changes_nothing()
    {
        using var site = Site();
        await using var server = new FakeGitHubServer();
        var other = server.AddIssue("Discuss reminders", "Like <!-- statussite:remind incident/2026-11-26-login --> but by hand");
        var pull = server.AddIssue("A pull request", Reminders.Marker("incident/2026-11-26-login"), pullRequest: true);
        var stale = server.AddIssue("Update overdue: Old", Reminders.Marker("incident/2026-10-01-old") + "\nThe incident …");

        var run = Remind(site, server);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(["POST " + Issues, "POST " + Issues, $"PATCH {Issues}/{stale["number"]}"], server.Writes.Select(r => r.ToString()));
        var update = server.Writes[0].Body!.AsObject();
        Assert.Equal(["assignees", "body", "labels", "title"], update.Select(p => p.Key).Order());
        Assert.Equal("Update overdue: Login failures for @acme/oncall (SEV1)", (string)update["title"]!);
        Assert.Equal(["octocat", "hubot"], update["assignees"]!.AsArray().Select(a => (string)a!));
        Assert.Equal(["incident-reminder"], update["labels"]!.AsArray().Select(a => (string)a!));
        var body = (string)update["body"]!;
        Assert.StartsWith(Reminders.Marker("incident/2026-11-26-login") + "\nThe SEV1 incident **Login failures for @\u200Bacme/oncall** is open (investigating), and its next public update was due by **2026-11-26 22:30 UTC**. The last update was at 2026-11-26 22:00 UTC", body, StringComparison.Ordinal);
        Assert.Contains("`statussite update 2026-11-26-login --status … --message …`", body);
        Assert.Contains("<https://status.acme.example/incidents/2026-11-26-login/>", body);
        var postmortem = server.Writes[1].Body!.AsObject();
        Assert.Equal("Postmortem overdue: API outage (SEV2)", (string)postmortem["title"]!);
        Assert.StartsWith(Reminders.Marker("postmortem/api-outage") + "\nThe postmortem of the SEV2 incident **API outage**, resolved at 2026-11-20 11:30 UTC, was due by **2026-11-23 11:30 UTC**", (string)postmortem["body"]!, StringComparison.Ordinal);
        Assert.Equal("""{"state":"closed","state_reason":"completed"}""", server.Writes[2].Body!.ToJsonString());
        Assert.Equal(["open", "open", "closed"], new[] { other, pull, stale }.Select(i => (string)i["state"]!));
        Assert.All(server.Requests, r => Assert.Equal("Token " + Token, r.Authorization));
        Assert.Contains("2 reminders due.", run.Lines);
        Assert.Contains($"GitHub: closed #{stale["number"]}: incident/2026-10-01-old is no longer overdue", run.Lines);

        var rerun = Remind(site, server);

        Assert.True(rerun.ExitCode == 0, rerun.Output);
        Assert.Equal(3, server.Writes.Count);
        Assert.Equal(5, server.Issues.Count);

        // The incident gets its update, with a promise for the next: its reminder closes; the postmortem's stays.
        site.Write("incidents/2026/2026-11-26-login.md", Late(Incidents.Update("2026-11-26 22:55 UTC", "Identified", "A certificate expired.", nextUpdate: "2026-11-26 23:30 UTC")));
        var updated = Remind(site, server);

        Assert.True(updated.ExitCode == 0, updated.Output);
        var reminder = server.Issues.Single(i => ((string)i["body"]!).StartsWith(Reminders.Marker("incident/2026-11-26-login"), StringComparison.Ordinal) && i["pull_request"] is null && (string)i["title"]! != "Discuss reminders");
        Assert.Equal($"PATCH {Issues}/{reminder["number"]}", server.Writes[^1].ToString());
        Assert.Equal("closed", (string)reminder["state"]!);
        Assert.Equal(4, server.Writes.Count);
        Assert.Contains("1 reminder due.", updated.Lines);
    }

    [Fact]
    public async Task A_reminder_whose_facts_changed_is_updated_in_place()
    {
        using var site = Site();
        await using var server = new FakeGitHubServer();
        var earlier = server.AddIssue("Update overdue: Login failures (SEV1)", Reminders.Marker("incident/2026-11-26-login") + "\nAn older text");

        var run = Remind(site, server);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal([$"PATCH {Issues}/{earlier["number"]}", "POST " + Issues], server.Writes.Select(r => r.ToString()));
        Assert.Equal(["body", "title"], server.Writes[0].Body!.AsObject().Select(p => p.Key).Order());
        Assert.Equal("Update overdue: Login failures for @acme/oncall (SEV1)", (string)earlier["title"]!);
    }

    [Fact]
    public async Task Without_a_repository_it_skips_with_one_line_and_a_refusal_names_the_call_without_the_token()
    {
        using var site = Site();
        await using var server = new FakeGitHubServer();
        var skipped = CliRunner.Run("github", "remind", "--input", site.Input, "--token", Token);
        Assert.Equal((0, "GitHub: skipped, GITHUB_REPOSITORY is not set."), (skipped.ExitCode, skipped.Output.Trim()));

        server.Failures.Enqueue("echo");
        var refused = Remind(site, server);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("error: GitHub: listing the open issues failed: GitHub refused the token (HTTP 401: Bad credentials: Token ***)", refused.Output);
        Assert.DoesNotContain("SECRET", refused.Output, StringComparison.Ordinal);

        // A refusal part-way: the call that failed is named, and nothing after it is tried.
        server.Failures.Enqueue("ok");
        server.Failures.Enqueue("403");
        var requests = server.Requests.Count;
        var partWay = Remind(site, server);

        Assert.Equal(1, partWay.ExitCode);
        Assert.Contains("error: GitHub: opening the reminder issue for incident/2026-11-26-login failed: GitHub refused (HTTP 403: Resource not accessible by integration); the token needs 'issues: write' on this repository (in a workflow: 'permissions: issues: write')", partWay.Output);
        Assert.Equal(requests + 2, server.Requests.Count);
        Assert.Empty(server.Issues);
    }

    [Fact]
    public async Task Without_a_reminders_section_in_site_yml_it_skips_with_one_line_and_calls_nothing()
    {
        // The publish workflow runs remind on every schedule, with a token: only a site that asked gets reminders.
        using var site = TestSite.Create().Write("incidents/2026/2026-11-26-login.md", Late());
        await using var server = new FakeGitHubServer();

        var run = Remind(site, server);

        Assert.Equal((0, "Reminders: skipped, site.yml has no 'reminders:' section."), (run.ExitCode, run.Output.Trim()));
        Assert.Empty(server.Requests);

        // The section alone, without assignees or labels, turns them on.
        site.Write("site.yml", TestSite.DefaultSiteYml + "\nreminders:\n");
        var on = Remind(site, server);

        Assert.True(on.ExitCode == 0, on.Output);
        var opened = server.Writes.Single().Body!.AsObject();
        Assert.Equal("Update overdue: Login failures for @acme/oncall (SEV1)", (string)opened["title"]!);
        Assert.Empty(opened["assignees"]!.AsArray());
        Assert.Empty(opened["labels"]!.AsArray());
    }

    [Fact]
    public void Reminders_in_site_yml_are_checked_with_their_lines()
    {
        using var site = TestSite.Create(TestSite.DefaultSiteYml + """

            reminders:
              assignees: ["@octocat", "hub_ot"]
              labels: [ok, "a label that is far too long for GitHub to accept it at all"]
            """);

        var (model, diagnostics) = SiteBuilder.Analyze(site.Input, TestSite.Parse(Now), displayRoot: "input");

        Assert.Null(model);
        var line = TestSite.DefaultSiteYml.Split('\n').Length + 2;
        Assert.Equal(
            [
                $"input/site.yml:{line}: reminders assignee '@octocat' is not a GitHub login; write it without the '@', as 'octocat'",
                $"input/site.yml:{line}: reminders assignee 'hub_ot' is not a GitHub login; write a GitHub user name, such as 'octocat'",
                $"input/site.yml:{line + 1}: reminders label 'a label that is far too long for GitHub to accept it at all' is 59 characters long; GitHub labels have 1 to 50 characters, such as 'incident-reminder'",
            ],
            diagnostics.Sorted().Select(d => d.ToString()));
    }
}
