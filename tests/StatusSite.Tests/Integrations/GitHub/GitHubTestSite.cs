using StatusSite.Tests.Support;
using static StatusSite.Tests.Support.GitCommands;

namespace StatusSite.Tests.Integrations.GitHub;

/// <summary>Fixture content for the github commands, and the arguments that point them at a fake server.</summary>
internal static class GitHubTestSite
{
    /// <summary>A token-shaped secret: no output may ever hold it, nor a part of it.</summary>
    public const string Token = "ghp_SECRET0token0that0must0never0show";

    public const string Now = "2026-11-26T23:00:00Z";

    public static string[] Flags(FakeGitHubServer server, string? apiUrl = null) =>
        ["--token", Token, "--repository", server.Repository, "--api-url", apiUrl ?? server.Base.AbsoluteUri, "--now", Now, "--timeout", "5"];

    public const string Maintenance = """
        ---
        title: Database upgrade
        components:
          api: under_maintenance
        scheduled_for: 2026-12-09T02:00:00Z
        scheduled_until: 2026-12-09T04:00:00Z
        ---

        We upgrade the primary database.
        """;

    public static string Declared => Incidents.File(
        "title: Elevated API error rates\nseverity: SEV2\ncomponents:\n  api: partial_outage\nstarted: 2026-11-26T20:58:00Z",
        Incidents.Update("2026-11-26 21:08 UTC", "Investigating", "We are investigating elevated error rates on the Public API."));

    public static string Resolved => Incidents.File(
        "title: Elevated API error rates\nseverity: SEV2\ncomponents:\n  api: partial_outage\nstarted: 2026-11-26T20:58:00Z",
        Incidents.Update("2026-11-26 22:30 UTC", "Resolved", "Error rates have been normal for an hour. Thanks @octocat <img src=x onerror=alert(1)> see #1", components: "api=operational"),
        Incidents.Update("2026-11-26 21:40 UTC", "Identified", "A deployment caused the errors; we rolled it back."),
        Incidents.Update("2026-11-26 21:08 UTC", "Investigating", "We are investigating elevated error rates on the Public API."));

    public static string Login => Incidents.File(
        "title: Login failures for @acme/oncall <b>now</b>\nseverity: SEV1\ncomponents:\n  dashboard: major_outage\nstarted: 2026-11-26T22:40:00Z",
        Incidents.Update("2026-11-26 22:45 UTC", "Investigating", "Sign-ins fail for most users."));

    /// <summary>
    /// A repository whose commit tagged 'base' has an open SEV2, a maintenance window and a resolved SEV2 without its
    /// postmortem; HEAD resolves the first, declares a SEV1, moves the window by a day and publishes the postmortem.
    /// </summary>
    public static TestSite PullRequest()
    {
        var site = TestSite.Create()
            .Write("incidents/2026/2026-11-26-api-errors.md", Declared)
            .Write("incidents/2026/api-outage.md", Postmortems.Incident())
            .Write("maintenance/2026/db-upgrade.md", Maintenance);
        Git(site.Root, "init", "-q");
        Git(site.Root, "add", "-A");
        Git(site.Root, "commit", "-qm", "base");
        Git(site.Root, "tag", "base");
        site.Write("incidents/2026/2026-11-26-api-errors.md", Resolved)
            .Write("incidents/2026/2026-11-26-login.md", Login)
            .Write("maintenance/2026/db-upgrade.md", Maintenance.Replace("2026-12-09", "2026-12-10"))
            .Write("postmortems/review.md", Postmortems.File(Postmortems.FrontMatter(), Postmortems.Body()));
        Commit(site, "change");
        return site;
    }

    public static void Commit(TestSite site, string message)
    {
        Git(site.Root, "add", "-A");
        Git(site.Root, "commit", "-qm", message);
    }

    /// <summary>The text of <paramref name="markdown"/> outside its fenced code blocks: what GitHub renders as Markdown.</summary>
    public static string OutsideCodeBlocks(string markdown)
    {
        var outside = new System.Text.StringBuilder();
        string? fence = null;
        foreach (var line in markdown.Split('\n'))
        {
            if (fence is null && line.StartsWith("```", StringComparison.Ordinal))
            {
                fence = new string('`', line.TakeWhile(c => c == '`').Count());
            }
            else if (fence is not null && line.Trim() == fence)
            {
                fence = null;
            }
            else if (fence is null)
            {
                outside.Append(line).Append('\n');
            }
        }

        return outside.ToString();
    }
}
