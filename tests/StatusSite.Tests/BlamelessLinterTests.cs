using StatusSite.Core;
using StatusSite.Tests.Support;

namespace StatusSite.Tests;

public sealed class BlamelessLinterTests
{
    private const string File = "postmortems/review.md";
    private const string Display = "input/postmortems/review.md";

    private static string Body(string section, string text) => section switch
    {
        "summary" => Postmortems.Body(summary: text),
        "timeline" => Postmortems.Body(timeline: Postmortems.Timeline + "\n" + text),
        "root-cause" => Postmortems.Body(rootCause: Postmortems.RootCause + "\n" + text),
        "whys" => Postmortems.Body(whys: Postmortems.Whys + text),
        "went-well" => Postmortems.Body(wentWell: text),
        _ => throw new ArgumentOutOfRangeException(nameof(section)),
    };

    private static async Task<(TestSite Site, BuildResult Result, string Text)> BuildAsync(string frontMatter, string body, string severity = "SEV2")
    {
        var site = TestSite.Create();
        site.Write("incidents/api-outage.md", Postmortems.Incident(severity));
        var text = Postmortems.File(frontMatter, body);
        site.Write(File, text);
        return (site, await site.BuildAsync(), text);
    }

    private static void AssertWritten(TestSite site, BuildResult result, DiagnosticLevel level)
    {
        // An error stops the build and writes nothing; warnings and notes let it publish.
        Assert.Equal(level != DiagnosticLevel.Error, result.Succeeded);
        Assert.Equal(level != DiagnosticLevel.Error, Directory.Exists(site.Output));
    }

    [Theory]
    [InlineData("went-well", "It was human error during the deploy.", "human-error", "'human error' blames a person", DiagnosticLevel.Error)]
    [InlineData("summary", "An operator error removed the index.", "human-error", "'operator error'", DiagnosticLevel.Error)]
    [InlineData("root-cause", "The careless rollout skipped the canary.", "character-judgement", "'careless' judges a person's character", DiagnosticLevel.Error)]
    [InlineData("went-well", "Nobody was negligent.", "character-judgement", "'negligent'", DiagnosticLevel.Error)]
    [InlineData("root-cause", "The change was approved by @alice without a test.", "person-named", "'@alice' names a person in the root cause and contributing factors", DiagnosticLevel.Error)]
    [InlineData("whys", "4. Why was it approved? Because bob@acme.example was on call.", "person-named", "'bob@acme.example' names a person in the Five Whys", DiagnosticLevel.Error)]
    [InlineData("went-well", "The team should have seen the alert.", "counterfactual", "'should have' describes what did not happen", DiagnosticLevel.Warning)]
    [InlineData("timeline", "- 10:20 — The on-call engineer forgot to restart the poolers.", "counterfactual", "'forgot to'", DiagnosticLevel.Warning)]
    [InlineData("root-cause", "The fix was obviously a one-line change.", "hindsight", "'obviously' is hindsight", DiagnosticLevel.Warning)]
    [InlineData("went-well", "We just restarted the service.", "hindsight", "'just' is hindsight", DiagnosticLevel.Warning)]
    [InlineData("root-cause", "The root cause was a missing index.", "single-root-cause", "'The root cause was' suggests a single cause", DiagnosticLevel.Info)]
    public async Task Lint_rule_fires_with_its_line_rule_id_and_level(string section, string text, string rule, string message, DiagnosticLevel level)
    {
        var (site, result, file) = await BuildAsync(Postmortems.FrontMatter(), Body(section, text));
        using var _ = site;

        var found = Assert.Single(result.Diagnostics, d => d.Rule == rule);
        Assert.Equal(level, found.Level);
        Assert.Equal(Display, found.Path);
        Assert.Equal(Postmortems.LineOf(file, text.TrimStart('-', ' ', '4', '.')[..12]), found.Line);
        Assert.Contains(message, found.Message, StringComparison.Ordinal);
        AssertWritten(site, result, level);
    }

    [Theory]
    [InlineData("went-well", "Users saw an error page for a few minutes.")]
    [InlineData("root-cause", "The careful, staged rollout limited the damage.")]
    [InlineData("timeline", "- 10:07 — @alice, the Incident Commander, opens the war room and writes to ops@acme.example.")]
    [InlineData("went-well", "The runbook should be split into two paths.")]
    [InlineData("went-well", "The alert fired just after 10:00, and the requests failed at the gateway.")]
    [InlineData("root-cause", "One of the causes was the stale cache.")]
    [InlineData("went-well", "We improved detection by paging on queue age.")]
    public async Task Near_miss_does_not_fire(string section, string text)
    {
        var (site, result, _) = await BuildAsync(Postmortems.FrontMatter(), Body(section, text));
        using var _site = site;

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.DoesNotContain(result.Diagnostics, d => d.Rule is not null);
    }

    [Theory]
    [InlineData("Improve monitoring")]
    [InlineData("Be more careful when deploying")]
    [InlineData("Make the runbook better")]
    public async Task Vague_action_item_is_a_warning_on_its_title_line(string title)
    {
        var items = Postmortems.DefaultActionItems.Replace("Add connection-pool saturation alert", title);
        var (site, result, file) = await BuildAsync(Postmortems.FrontMatter(actionItems: items), Postmortems.Body());
        using var _ = site;

        var found = Assert.Single(result.Diagnostics, d => d.Rule == "vague-action");
        Assert.Equal(DiagnosticLevel.Warning, found.Level);
        Assert.Equal((Display, Postmortems.LineOf(file, title)), (found.Path, found.Line));
        Assert.Contains($"the action item '{title}' is too vague", found.Message, StringComparison.Ordinal);
        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task Specific_action_item_that_mentions_improvement_is_not_vague()
    {
        var items = Postmortems.DefaultActionItems.Replace("Add connection-pool saturation alert", "Add an alert that improves detection of stalled disks");
        var (site, result, _) = await BuildAsync(Postmortems.FrontMatter(actionItems: items), Postmortems.Body());
        using var _ = site;

        Assert.DoesNotContain(result.Diagnostics, d => d.Rule is not null);
    }

    [Fact]
    public async Task A_handle_as_action_item_owner_is_an_error_on_its_line()
    {
        var items = Postmortems.DefaultActionItems.Replace("owner: Platform team", "owner: \"@alice\"");
        var (site, result, file) = await BuildAsync(Postmortems.FrontMatter(actionItems: items), Postmortems.Body());
        using var _ = site;

        var found = Assert.Single(result.Diagnostics, d => d.Rule == "person-named");
        Assert.Equal((DiagnosticLevel.Error, Postmortems.LineOf(file, "owner: \"@alice\"")), (found.Level, found.Line));
        Assert.Contains("'@alice' names a person in an action item's owner", found.Message, StringComparison.Ordinal);
        AssertWritten(site, result, DiagnosticLevel.Error);
    }

    [Fact]
    public async Task Major_incident_postmortem_without_required_sections_is_an_error_per_missing_section()
    {
        var body = "## Summary\n\nThe API failed.\n\n## What went well\n\nThe alert paged.\n";
        var (site, result, _) = await BuildAsync(Postmortems.FrontMatter(actionItems: ""), body, severity: "SEV1");
        using var _ = site;

        var missing = result.Diagnostics.Where(d => d.Rule == "missing-section").Select(d => d.Message).ToList();
        Assert.Equal(4, missing.Count);
        Assert.Contains(missing, m => m.StartsWith("a SEV1 postmortem needs a '## Impact' section", StringComparison.Ordinal));
        Assert.Contains(missing, m => m.StartsWith("a SEV1 postmortem needs a '## Timeline' section", StringComparison.Ordinal));
        Assert.Contains(missing, m => m.StartsWith("a SEV1 postmortem needs a '## Five whys' or '## Root cause and contributing factors' section", StringComparison.Ordinal));
        Assert.Contains(missing, m => m.StartsWith("a SEV1 postmortem needs at least one entry under 'action_items:'", StringComparison.Ordinal));
        Assert.All(result.Diagnostics.Where(d => d.Rule == "missing-section"), d => Assert.Equal((DiagnosticLevel.Error, 1), (d.Level, d.Line)));
        AssertWritten(site, result, DiagnosticLevel.Error);
    }

    [Fact]
    public async Task Minor_incident_postmortem_may_leave_out_sections()
    {
        var body = "## Summary\n\nThe API was slow.\n";
        var (site, result, _) = await BuildAsync(Postmortems.FrontMatter(actionItems: ""), body, severity: "SEV3");
        using var _ = site;

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.DoesNotContain(result.Diagnostics, d => d.Rule is not null);
    }

    [Fact]
    public async Task Suppression_with_a_reason_silences_the_next_paragraph_only()
    {
        var text = "<!-- blameless-ignore: quoting the customer's words -->\nA customer wrote: \"this was human error\".\n\nThe team should have paged earlier.";
        var (site, result, file) = await BuildAsync(Postmortems.FrontMatter(), Body("went-well", text));
        using var _ = site;

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var found = Assert.Single(result.Diagnostics, d => d.Rule is not null);
        Assert.Equal(("counterfactual", Postmortems.LineOf(file, "should have paged")), (found.Rule, found.Line));
        Assert.DoesNotContain("blameless-ignore", site.ReadOutput("postmortems/review/index.html"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suppression_without_a_reason_is_reported_and_silences_nothing()
    {
        var text = "<!-- blameless-ignore -->\nIt was human error.";
        var (site, result, file) = await BuildAsync(Postmortems.FrontMatter(), Body("went-well", text));
        using var _ = site;

        var ignore = Assert.Single(result.Diagnostics, d => d.Rule == "ignore-without-reason");
        Assert.Equal((DiagnosticLevel.Warning, Postmortems.LineOf(file, "<!-- blameless-ignore -->")), (ignore.Level, ignore.Line));
        Assert.Single(result.Diagnostics, d => d.Rule == "human-error");
        AssertWritten(site, result, DiagnosticLevel.Error);
    }

    [Fact]
    public async Task Drafts_are_linted_only_when_asked_as_check_does()
    {
        var (site, result, file) = await BuildAsync(Postmortems.FrontMatter(published: ""), Body("went-well", "It was human error."));
        using var _ = site;
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.DoesNotContain(result.Diagnostics, d => d.Rule is not null);

        var (_, diagnostics) = SiteBuilder.Analyze(site.Input, TestSite.Parse(TestSite.DefaultNow), "input", lintDrafts: true);
        var found = Assert.Single(diagnostics.Sorted(), d => d.Rule == "human-error");
        Assert.Equal((Display, Postmortems.LineOf(file, "It was human error.")), (found.Path, found.Line));
    }

    [Fact]
    public async Task Sample_postmortems_lint_clean_drafts_included()
    {
        using var site = TestSite.FromSample();
        var result = await site.BuildOkAsync();
        Assert.DoesNotContain(result.Diagnostics, d => d.Rule is not null);

        var (_, diagnostics) = SiteBuilder.Analyze(site.Input, TestSite.Parse(TestSite.DefaultNow), "input", lintDrafts: true);
        Assert.DoesNotContain(diagnostics.Sorted(), d => d.Path.Contains("/postmortems/", StringComparison.Ordinal));
        Assert.Equal(2, result.Model!.Postmortems.Count);
    }
}
