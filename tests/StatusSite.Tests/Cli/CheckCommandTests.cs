using StatusSite.Tests.Support;

namespace StatusSite.Tests.Cli;

public sealed class CheckCommandTests
{
    private static readonly string LateSev2 = Incidents.File(
        "title: Elevated API error rates\nseverity: SEV2\ncomponents:\n  api: partial_outage",
        Incidents.Update("2026-11-26 10:02 UTC", "Investigating", "We are investigating."));

    private static readonly string PromisedSev2 = Incidents.File(
        "title: Elevated API error rates\nseverity: SEV2\ncomponents:\n  api: partial_outage",
        Incidents.Update("2026-11-26 10:02 UTC", "Investigating", "We are investigating.", nextUpdate: "2026-11-26 10:30 UTC"));

    private const string LateWarning = "the last public update was at 2026-11-26 10:02 UTC, 1h 30m ago; the SEV2 policy asks for one every 1h, so it is 30m late; post one with 'statussite update late --status … --message …' or add an update heading above this one";
    private const string MissedWarning = "this update promised the next one by 2026-11-26 10:30 UTC, 1h 02m ago; customers are waiting, so post an update now (and promise a time you can keep)";

    [Fact]
    public void Open_sev2_without_an_update_within_policy_or_its_promise_is_a_warning_saying_how_late()
    {
        using var site = TestSite.Create();
        site.Write("incidents/late.md", LateSev2);
        site.Write("incidents/promised.md", PromisedSev2);

        var run = CliRunner.Run(TestSite.Parse("2026-11-26T11:32:00Z"), "check", "--input", site.Input);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"incidents/late.md:8: warning: {LateWarning} [update-overdue]", run.Output, StringComparison.Ordinal);
        Assert.Contains($"incidents/promised.md:8: warning: {MissedWarning} [next-update-missed]", run.Output, StringComparison.Ordinal);
        Assert.Contains("0 errors and 2 warnings in 2 files", run.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(site.Output));
    }

    [Fact]
    public void Strict_turns_process_warnings_into_errors_and_exit_code_1()
    {
        using var site = TestSite.Create();
        site.Write("incidents/late.md", LateSev2);

        var run = CliRunner.Run(TestSite.Parse("2026-11-26T11:32:00Z"), "check", "--strict", "--input", site.Input);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"incidents/late.md:8: {LateWarning} [update-overdue]", run.Output, StringComparison.Ordinal);
        Assert.Contains("1 error and 0 warnings", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Updates_within_policy_and_resolved_or_sev3_incidents_raise_no_process_warning()
    {
        using var site = TestSite.Create();
        site.Write("incidents/fresh.md", LateSev2);
        site.Write("incidents/minor.md", LateSev2.Replace("SEV2", "SEV3", StringComparison.Ordinal).Replace("Next update: 2026-11-26 10:30 UTC\n", "", StringComparison.Ordinal));
        site.Write("incidents/done.md", Incidents.File(
            "title: Done\nseverity: SEV1",
            Incidents.Update("2026-11-26 09:10 UTC", "Resolved", "Fixed."),
            Incidents.Update("2026-11-26 09:00 UTC", "Investigating", "Looking.", nextUpdate: "2026-11-26 09:05 UTC")));

        var run = CliRunner.Run(TestSite.Parse("2026-11-26T10:29:00Z"), "check", "--input", site.Input);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("No problems found (checked 3 incidents and 0 maintenance windows).", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Content_errors_exit_1_with_file_and_line()
    {
        using var site = TestSite.Create();
        site.Write("incidents/bad.md", Incidents.File("title: Bad\nseverity: SEV2\ncomponents:\n  apii: partial_outage", Incidents.Update("2026-11-26 10:02 UTC", "Investigating", "x")));

        var run = CliRunner.Run(TestSite.Parse("2026-11-26T11:00:00Z"), "check", "--input", site.Input);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("incidents/bad.md:5: unknown component 'apii' (did you mean 'api'?); use an id from the components in site.yml", run.Output, StringComparison.Ordinal);
        Assert.Contains("1 error and 0 warnings in 1 file.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolved_sev2_past_its_postmortem_deadline_is_a_warning_and_build_still_succeeds()
    {
        using var site = TestSite.Create();
        site.Write("incidents/old.md", Incidents.File(
            "title: Old outage\nseverity: SEV2\ncomponents:\n  api: partial_outage",
            Incidents.Update("2026-11-20 11:00 UTC", "Resolved", "Fixed."),
            Incidents.Update("2026-11-20 10:00 UTC", "Investigating", "Looking.")));

        var run = CliRunner.Run(TestSite.Parse("2026-11-26T11:00:00Z"), "check", "--input", site.Input);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(
            "incidents/old.md:8: warning: the postmortem of this SEV2 incident was due by 2026-11-23 11:00 UTC, 3d 0h ago; publish it (set 'published:'), or start one with 'statussite new postmortem old' [postmortem-overdue]",
            run.Output,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_lints_a_draft_postmortem_that_build_leaves_alone()
    {
        using var site = TestSite.Create();
        site.Write("incidents/api-outage.md", Postmortems.Incident());
        site.Write("postmortems/draft.md", Postmortems.File(
            Postmortems.FrontMatter(published: ""),
            Postmortems.Body(rootCause: "It was human error during the deploy.")));

        Assert.True((await site.BuildAsync("2026-11-26T11:00:00Z")).Succeeded);
        var run = CliRunner.Run(TestSite.Parse("2026-11-26T11:00:00Z"), "check", "--input", site.Input);

        Assert.Contains("postmortems/draft.md:", run.Output, StringComparison.Ordinal);
        Assert.Contains("[human-error]", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_reports_keys_the_site_language_lacks()
    {
        using var site = TestSite.Create(TestSite.DefaultSiteYml.Replace("language: en", "language: de", StringComparison.Ordinal));
        var german = File.ReadAllText(Path.Combine(TestSite.ThemeDir, "i18n", "de.yml"));
        site.Write("theme/i18n/de.yml", german.Replace("  home: Status\n", "", StringComparison.Ordinal));

        var run = CliRunner.Run(TestSite.Parse("2026-11-26T11:00:00Z"), "check", "--input", site.Input, "--theme", TestSite.ThemeDir);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("theme/i18n/de.yml: warning: missing key 'nav.home'; add it (English: \"Status\")", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_format_is_a_usage_error()
    {
        using var site = TestSite.Create();

        var run = CliRunner.Run(TestSite.Parse("2026-11-26T11:00:00Z"), "check", "--input", site.Input, "--format", "junit");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--format: unknown format 'junit'; use 'text' or 'github'", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Github_format_prints_exact_warning_annotations_from_the_built_tool()
    {
        using var site = TestSite.Create();
        site.Write("incidents/late.md", LateSev2);
        site.Write("incidents/promised.md", PromisedSev2);

        var run = await CliRunner.RunProcessAsync(site.Root, "check", "--input", "input", "--format", "github", "--now", "2026-11-26T11:32:00Z");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [
                $"::warning file=input/incidents/late.md,line=8,title=statussite update-overdue::{LateWarning}",
                $"::warning file=input/incidents/promised.md,line=8,title=statussite next-update-missed::{MissedWarning}",
            ],
            run.Lines);
    }

    [Fact]
    public async Task Github_format_prints_exact_error_annotations_and_exits_1_from_the_built_tool()
    {
        using var site = TestSite.Create();
        site.Write("incidents/bad.md", Incidents.File("title: Bad\nseverity: SEV2\ncomponents:\n  apii: partial_outage", Incidents.Update("2026-11-26 10:02 UTC", "Investigating", "x")));
        site.Write("incidents/worse.md", "no front matter\n");

        var run = await CliRunner.RunProcessAsync(site.Root, "check", "--input", "input", "--format", "github", "--now", "2026-11-26T11:32:00Z");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            [
                "::error file=input/incidents/bad.md,line=5,title=statussite::unknown component 'apii' (did you mean 'api'?); use an id from the components in site.yml",
                "::error file=input/incidents/worse.md,line=1,title=statussite::this file has no front matter; start it with a line '---', keys such as 'title: …', and a closing '---'",
            ],
            run.Lines);
    }

    [Fact]
    public void Github_annotation_escapes_what_would_break_the_workflow_command()
    {
        var line = StatusSite.Cli.DiagnosticPrinter.GitHubAnnotation(new StatusSite.Core.Diagnostic(StatusSite.Core.DiagnosticLevel.Info, "input/a,b:c.md", 0, "50% done\nnext"));

        Assert.Equal("::notice file=input/a%2Cb%3Ac.md,title=statussite::50%25 done%0Anext", line);
    }

    [Fact]
    public async Task Redirected_output_carries_no_colour_codes_even_without_no_color()
    {
        using var site = TestSite.Create();
        site.Write("incidents/bad.md", "no front matter\n");
        var info = CliRunner.StartInfo(site.Root, "check", "--now", "2026-11-26T11:32:00Z");
        info.Environment.Remove("NO_COLOR");

        using var process = System.Diagnostics.Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(1, process.ExitCode);
        Assert.Contains("input/incidents/bad.md:1: this file has no front matter", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_in_another_file_does_not_hide_a_late_update_or_a_missed_promise()
    {
        using var site = TestSite.Create();
        site.Write("incidents/late.md", LateSev2);
        site.Write("incidents/promised.md", PromisedSev2);
        site.Write("incidents/typo.md", "no front matter here\n");

        var run = CliRunner.Run(TestSite.Parse("2026-11-26T11:32:00Z"), "check", "--input", site.Input);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("incidents/typo.md:1: this file has no front matter", run.Output, StringComparison.Ordinal);
        Assert.Contains($"incidents/late.md:8: warning: {LateWarning} [update-overdue]", run.Output, StringComparison.Ordinal);
        Assert.Contains("incidents/promised.md:8: warning: this update promised the next one by 2026-11-26 10:30 UTC, 1h 02m ago", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_and_check_agree_on_when_the_next_update_is_due()
    {
        // Promised for 11:30, beyond the SEV2 policy's hour: at 11:10 the page says 'next update 11:30'.
        using var site = TestSite.Create();
        site.Write("incidents/later.md", PromisedSev2.Replace("Next update: 2026-11-26 10:30 UTC", "Next update: 2026-11-26 11:30 UTC", StringComparison.Ordinal));
        const string now = "2026-11-26T11:10:00Z";

        await site.BuildOkAsync(now);
        var run = CliRunner.Run(TestSite.Parse(now), "check", "--input", site.Input);

        Assert.Contains("datetime=\"2026-11-26T11:30", site.ReadOutput("incidents/later/index.html"), StringComparison.Ordinal);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("No problems found", run.Output, StringComparison.Ordinal);

        var late = CliRunner.Run(TestSite.Parse("2026-11-26T11:31:00Z"), "check", "--input", site.Input);
        Assert.Contains("incidents/later.md:8: warning: this update promised the next one by 2026-11-26 11:30 UTC, 1m ago", late.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("update-overdue", late.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_postmortem_started_during_an_open_incident_warns_without_failing_check()
    {
        using var site = TestSite.Create();
        site.Write("incidents/outage.md", Incidents.File(
            "title: API outage\nseverity: SEV1\ncomponents:\n  api: major_outage",
            Incidents.Update("2026-11-26 10:02 UTC", "Investigating", "We are investigating.")));
        var now = TestSite.Parse("2026-11-26T11:00:00Z");
        Assert.Equal(0, CliRunner.Run(now, "new", "postmortem", "outage", "--input", site.Input, "--now", "2026-11-26T11:00:00Z").ExitCode);

        var run = CliRunner.Run(now, "check", "--input", site.Input);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("postmortems/outage.md:", run.Output, StringComparison.Ordinal);
        Assert.Contains("warning: a SEV1 postmortem needs at least one entry under 'action_items:'; add it before the postmortem is published (in a draft, so it does not stop the build) [missing-section]", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("'statussite new postmortem <incident>' writes", run.Output, StringComparison.Ordinal);
        Assert.Contains("[update-overdue]", run.Output, StringComparison.Ordinal);
    }
}
