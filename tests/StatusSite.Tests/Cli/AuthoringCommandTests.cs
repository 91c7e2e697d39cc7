using StatusSite.Tests.Support;

namespace StatusSite.Tests.Cli;

public sealed class AuthoringCommandTests
{
    private static readonly DateTimeOffset Now = TestSite.Parse("2026-11-26T11:00:30Z");

    private static readonly string Open = Incidents.File(
        "title: Elevated API error rates\nseverity: SEV2\ncomponents:\n  api: partial_outage\n  webhooks: degraded_performance",
        Incidents.Update("2026-11-26 10:14 UTC", "Identified", "We rolled back."),
        Incidents.Update("2026-11-26 10:02 UTC", "Investigating", "We are investigating."));

    private static string IncidentPath(TestSite site, string id) => Path.Combine(site.Input, "incidents", "2026", id + ".md");

    [Fact]
    public async Task New_incident_writes_a_file_that_builds_with_an_investigating_update_at_the_current_minute()
    {
        using var site = TestSite.Create();

        var run = CliRunner.Run(Now, "new", "incident", "--input", site.Input, "--title", "Elevated API error rates", "--severity", "sev2", "--component", "api=partial_outage", "--next-update", "30m");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("incidents/2026/2026-11-26-elevated-api-error-rates.md: declared a SEV2 incident with an Investigating update at 2026-11-26 11:00 UTC.", run.Output, StringComparison.Ordinal);
        var text = File.ReadAllText(IncidentPath(site, "2026-11-26-elevated-api-error-rates"));
        Assert.Contains("## 2026-11-26 11:00 UTC — Investigating\nNext update: 2026-11-26 11:30 UTC\n", text, StringComparison.Ordinal);
        var result = await site.BuildOkAsync("2026-11-26T11:05:00Z");
        var incident = Assert.Single(result.Model!.ActiveIncidents);
        Assert.Equal(StatusSite.Model.ComponentStatus.PartialOutage, result.Model.Component("api").Status);
        Assert.Equal(TestSite.Parse("2026-11-26T11:30:00Z"), incident.NextUpdateBy);
    }

    [Fact]
    public void New_incident_with_an_unknown_component_is_refused_with_did_you_mean_and_writes_nothing()
    {
        using var site = TestSite.Create();

        var run = CliRunner.Run(Now, "new", "incident", "--input", site.Input, "--title", "Errors", "--severity", "SEV2", "--component", "apii=partial_outage");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: --component: unknown component 'apii' (did you mean 'api'?); use an id from site.yml: 'api', 'dashboard' or 'webhooks'", run.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(site.Input, "incidents")));
    }

    [Fact]
    public void New_incident_with_an_unknown_severity_is_a_usage_error()
    {
        using var site = TestSite.Create();

        var run = CliRunner.Run(Now, "new", "incident", "--input", site.Input, "--title", "Errors", "--severity", "SEV5");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: --severity: unknown value 'SEV5' (did you mean 'SEV1'?); write one of 'SEV1', 'SEV2' or 'SEV3'", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_inserts_above_the_newest_update_and_changes_component_status()
    {
        using var site = TestSite.Create();
        site.Write("incidents/2026/api.md", Open);

        var run = CliRunner.Run(Now, "update", "api", "--input", site.Input, "--status", "monitoring", "--message", "Error rates are normal again.", "--component", "api=operational", "--next-update", "1h");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("incidents/2026/api.md: added a Monitoring update at 2026-11-26 11:00 UTC above the newest update.", run.Output, StringComparison.Ordinal);
        var text = File.ReadAllText(IncidentPath(site, "api"));
        Assert.Contains("---\n\n## 2026-11-26 11:00 UTC — Monitoring\nComponents: api=operational\nNext update: 2026-11-26 12:00 UTC\n\nError rates are normal again.\n\n## 2026-11-26 10:14 UTC — Identified", text, StringComparison.Ordinal);
        var result = await site.BuildOkAsync("2026-11-26T11:05:00Z");
        Assert.Equal(StatusSite.Model.ComponentStatus.Operational, result.Model!.Component("api").Status);
        Assert.Equal(StatusSite.Model.IncidentStatus.Monitoring, Assert.Single(result.Model.Incidents).Status);
    }

    [Fact]
    public void Update_of_an_unknown_id_is_refused_with_did_you_mean_and_leaves_files_untouched()
    {
        using var site = TestSite.Create();
        site.Write("incidents/2026/2026-11-26-api-errors.md", Open);
        var before = TestSite.Snapshot(site.Input);

        var run = CliRunner.Run(Now, "update", "2026-11-26-api-erors", "--input", site.Input, "--status", "identified", "--message", "x");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: there is no incidents file with the id '2026-11-26-api-erors' (did you mean '2026-11-26-api-errors'?); the id is the file name without '.md'", run.Output, StringComparison.Ordinal);
        Assert.Equal(before, TestSite.Snapshot(site.Input));
    }

    [Fact]
    public void Update_with_a_misspelt_status_is_a_usage_error_with_did_you_mean()
    {
        using var site = TestSite.Create();
        site.Write("incidents/2026/api.md", Open);

        var run = CliRunner.Run(Now, "update", "api", "--input", site.Input, "--status", "identifed", "--message", "x");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: --status: unknown value 'identifed' (did you mean 'identified'?)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_of_a_broken_file_reports_its_errors_and_leaves_it_untouched()
    {
        using var site = TestSite.Create();
        site.Write("incidents/2026/api.md", Open.Replace("## 2026-11-26 10:02 UTC — Investigating", "## 2026-11-26 10:02 UTC — Investigatin", StringComparison.Ordinal));
        var before = TestSite.Snapshot(site.Input);

        var run = CliRunner.Run(Now, "update", "api", "--input", site.Input, "--status", "update", "--message", "x");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("incidents/2026/api.md:13: unknown update status 'Investigatin' (did you mean 'Investigating'?)", run.Output, StringComparison.Ordinal);
        Assert.Contains("Nothing was written", run.Output, StringComparison.Ordinal);
        Assert.Equal(before, TestSite.Snapshot(site.Input));
    }

    [Fact]
    public async Task Resolve_adds_the_resolved_update_and_every_affected_component_returns_to_operational()
    {
        using var site = TestSite.Create();
        site.Write("incidents/2026/api.md", Open);

        var run = CliRunner.Run(Now, "resolve", "api", "--input", site.Input);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("incidents/2026/api.md: added a Resolved update at 2026-11-26 11:00 UTC above the newest update.", run.Output, StringComparison.Ordinal);
        Assert.Contains("## 2026-11-26 11:00 UTC — Resolved\nComponents: api=operational, webhooks=operational\n", File.ReadAllText(IncidentPath(site, "api")), StringComparison.Ordinal);
        var result = await site.BuildOkAsync("2026-11-26T11:05:00Z");
        Assert.True(Assert.Single(result.Model!.Incidents).IsResolved);
    }

    [Fact]
    public async Task New_maintenance_writes_a_window_that_builds()
    {
        using var site = TestSite.Create();

        var run = CliRunner.Run(Now, "new", "maintenance", "--input", site.Input, "--title", "Database upgrade", "--from", "2026-12-09T02:00:00Z", "--until", "2026-12-09T04:00:00+01:00", "--component", "api", "--component", "dashboard=degraded_performance", "--message", "Short interruptions.");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("maintenance/2026/2026-12-09-database-upgrade.md: scheduled maintenance from 2026-12-09 02:00 UTC until 2026-12-09 03:00 UTC.", run.Output, StringComparison.Ordinal);
        var result = await site.BuildOkAsync("2026-11-26T11:05:00Z");
        var window = Assert.Single(result.Model!.UpcomingMaintenances);
        Assert.Equal("Short interruptions.", window.Source.DescriptionMarkdown);
    }

    [Fact]
    public void New_maintenance_ending_before_it_starts_is_a_usage_error()
    {
        using var site = TestSite.Create();

        var run = CliRunner.Run(Now, "new", "maintenance", "--input", site.Input, "--title", "Upgrade", "--from", "2026-12-09T04:00:00Z", "--until", "2026-12-09T02:00:00Z");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: --until (2026-12-09 02:00 UTC) is not after --from (2026-12-09 04:00 UTC); the window must end after it starts", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_built_tool_declares_updates_and_resolves_an_incident()
    {
        using var site = TestSite.Create();

        var declared = await CliRunner.RunProcessAsync(site.Root, "new", "incident", "--title", "Login failures", "--severity", "SEV1", "--component", "dashboard=major_outage");
        Assert.Equal(0, declared.ExitCode);
        var path = Assert.Single(Directory.GetFiles(Path.Combine(site.Input, "incidents"), "*.md", SearchOption.AllDirectories));
        var id = Path.GetFileNameWithoutExtension(path);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}-login-failures$", id);
        Assert.Contains($"wrote input/incidents/{id[..4]}/{id}.md: declared a SEV1 incident", declared.Output, StringComparison.Ordinal);

        // The real clock may not have moved a minute; the second update then carries its seconds.
        var updated = await CliRunner.RunProcessAsync(site.Root, "update", id, "--status", "identified", "--message", "We found the cause.");
        Assert.True(updated.ExitCode == 0, updated.Output);
        Assert.Contains($"wrote input/incidents/{id[..4]}/{id}.md: added an Identified update", updated.Output, StringComparison.Ordinal);

        var resolved = await CliRunner.RunProcessAsync(site.Root, "resolve", id, "--message", "Fixed.");
        Assert.True(resolved.ExitCode == 0, resolved.Output);
        Assert.Contains("Resolved update", resolved.Output, StringComparison.Ordinal);
        var text = File.ReadAllText(path);
        Assert.Contains("Components: dashboard=operational", text, StringComparison.Ordinal);

        var check = await CliRunner.RunProcessAsync(site.Root, "check");
        Assert.True(check.ExitCode == 0, check.Output);
        Assert.Contains("No problems found (checked 1 incident and", check.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_built_tool_refuses_an_unknown_incident_with_exit_code_2()
    {
        using var site = TestSite.Create();
        site.Write("incidents/2026/api.md", Open);

        var run = await CliRunner.RunProcessAsync(site.Root, "resolve", "apl");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: there is no incidents file with the id 'apl' (did you mean 'api'?)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_built_tool_schedules_maintenance()
    {
        using var site = TestSite.Create();

        var run = await CliRunner.RunProcessAsync(site.Root, "new", "maintenance", "--title", "Webhook queue migration", "--from", "2030-01-10T01:00:00Z", "--until", "2030-01-10T02:00:00Z", "--component", "webhooks");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("wrote input/maintenance/2030/2030-01-10-webhook-queue-migration.md: scheduled maintenance from 2030-01-10 01:00 UTC until 2030-01-10 02:00 UTC.", run.Output, StringComparison.Ordinal);
        Assert.Contains("webhooks: under_maintenance", File.ReadAllText(Path.Combine(site.Input, "maintenance", "2030", "2030-01-10-webhook-queue-migration.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_command_has_help_with_examples()
    {
        foreach (var command in new[] { new[] { "check" }, ["new", "incident"], ["new", "maintenance"], ["update"], ["resolve"], ["serve"], ["build"] })
        {
            var run = CliRunner.Run(Now, [.. command, "--help"]);
            Assert.Equal(0, run.ExitCode);
            Assert.Contains("EXAMPLES:", run.Output, StringComparison.Ordinal);
        }

        var tool = await CliRunner.RunProcessAsync(Path.GetTempPath(), "--help");
        Assert.Equal(0, tool.ExitCode);
        Assert.Contains("resolve", tool.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", tool.Output, StringComparison.Ordinal);
    }
}
