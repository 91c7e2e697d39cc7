using StatusSite.Core;
using StatusSite.Tests.Support;

namespace StatusSite.Tests;

/// <summary>Each mistake in a postmortem or its links: the message, the file and line, and that nothing was written.</summary>
public sealed class PostmortemContentErrorTests
{
    private static async Task<Diagnostic> SingleErrorAsync(TestSite site)
    {
        var result = await site.BuildAsync();
        Assert.False(result.Succeeded);
        Assert.False(Directory.Exists(site.Output));
        return Assert.Single(result.Diagnostics, d => d.Level == DiagnosticLevel.Error);
    }

    private static TestSite Site(string incident, string postmortem)
    {
        var site = TestSite.Create();
        site.Write("incidents/api-outage.md", incident);
        site.Write("postmortems/review.md", postmortem);
        return site;
    }

    [Fact]
    public async Task Postmortem_naming_an_unknown_incident_is_an_error_with_a_suggestion()
    {
        var text = Postmortems.File(Postmortems.FrontMatter(incident: "api-outgae"), Postmortems.Body());
        using var site = Site(Postmortems.Incident(), text);

        var error = await SingleErrorAsync(site);
        Assert.Equal(("input/postmortems/review.md", Postmortems.LineOf(text, "incidents: [api-outgae]")), (error.Path, error.Line));
        Assert.StartsWith("unknown incident 'api-outgae' (did you mean 'api-outage'?); list incident ids", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Incident_naming_an_unknown_postmortem_is_an_error_on_its_line()
    {
        var incident = Postmortems.Incident(extra: "postmortem: reveiw");
        using var site = Site(incident, Postmortems.File(Postmortems.FrontMatter(), Postmortems.Body()));

        var error = await SingleErrorAsync(site);
        Assert.Equal(("input/incidents/api-outage.md", Postmortems.LineOf(incident, "postmortem: reveiw")), (error.Path, error.Line));
        Assert.StartsWith("unknown postmortem 'reveiw' (did you mean 'review'?)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Incident_naming_a_postmortem_that_does_not_list_it_is_an_error()
    {
        var incident = Postmortems.Incident(extra: "postmortem: review");
        using var site = Site(incident, Postmortems.File(Postmortems.FrontMatter(incident: "other"), Postmortems.Body()));
        site.Write("incidents/other.md", Incidents.File("title: Other\nseverity: SEV3", Incidents.Update("2026-11-20 11:00 UTC", "Resolved", "Done."), Incidents.Update("2026-11-20 10:00 UTC", "Investigating", "Looking.")));

        var error = await SingleErrorAsync(site);
        Assert.Equal(("input/incidents/api-outage.md", Postmortems.LineOf(incident, "postmortem: review")), (error.Path, error.Line));
        Assert.Equal("postmortem 'review' does not list this incident in its 'incidents:' (input/postmortems/review.md:3); add 'api-outage' there, or correct this line", error.Message);
    }

    [Fact]
    public async Task Action_item_with_an_unknown_type_is_an_error_with_the_allowed_values()
    {
        var text = Postmortems.File(Postmortems.FrontMatter(actionItems: Postmortems.DefaultActionItems.Replace("type: detect", "type: detection")), Postmortems.Body());
        using var site = Site(Postmortems.Incident(), text);

        var error = await SingleErrorAsync(site);
        Assert.Equal(("input/postmortems/review.md", Postmortems.LineOf(text, "type: detection")), (error.Path, error.Line));
        Assert.Equal("'type': unknown value 'detection' (did you mean 'detect'?); write one of 'prevent', 'mitigate', 'detect', 'repair', 'investigate' or 'process'", error.Message);
    }

    [Theory]
    [InlineData("priority: P1", "priority: high", "'priority': unknown value 'high'")]
    [InlineData("status: open", "status: closed", "'status': unknown value 'closed'")]
    [InlineData("issue: 42", "issue: soon", "'issue: soon' is neither an issue number, a Jira key nor a web address")]
    [InlineData("issue: 42", "issue: OPS-0", "'issue: OPS-0' is neither an issue number, a Jira key nor a web address")]
    [InlineData("owner: Platform team", "owner:", "'owner' has no value; write it as 'owner: Platform team'")]
    public async Task Action_item_values_outside_the_allowed_sets_are_errors_on_their_line(string good, string bad, string message)
    {
        var text = Postmortems.File(Postmortems.FrontMatter(actionItems: Postmortems.DefaultActionItems.Replace(good, bad)), Postmortems.Body());
        using var site = Site(Postmortems.Incident(), text);

        var error = await SingleErrorAsync(site);
        Assert.Equal(("input/postmortems/review.md", Postmortems.LineOf(text, bad)), (error.Path, error.Line));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_before_the_incident_was_resolved_is_an_error()
    {
        var text = Postmortems.File(Postmortems.FrontMatter(published: "2026-11-20T11:00:00Z"), Postmortems.Body());
        using var site = Site(Postmortems.Incident(), text);

        var error = await SingleErrorAsync(site);
        Assert.Equal(Postmortems.LineOf(text, "published:"), error.Line);
        Assert.Equal("'published' (2026-11-20 11:00 UTC) is before the incident was resolved (2026-11-20 11:30 UTC); correct the date", error.Message);
    }

    [Fact]
    public async Task Detected_before_impact_started_is_an_error()
    {
        var text = Postmortems.File(Postmortems.FrontMatter(extra: "detected: 2026-11-20T09:55:00Z"), Postmortems.Body());
        using var site = Site(Postmortems.Incident(), text);

        var error = await SingleErrorAsync(site);
        Assert.Equal(Postmortems.LineOf(text, "detected:"), error.Line);
        Assert.StartsWith("'detected' (2026-11-20 09:55 UTC) is before the impact started (2026-11-20 10:00 UTC)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Published_postmortem_without_a_summary_is_an_error()
    {
        var text = Postmortems.File(Postmortems.FrontMatter().Replace("summary: " + Postmortems.Summary, ""), Postmortems.Body());
        using var site = Site(Postmortems.Incident(), text);

        var error = await SingleErrorAsync(site);
        Assert.Equal(Postmortems.LineOf(text, "published:"), error.Line);
        Assert.StartsWith("a published postmortem needs a 'summary:'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mistake_in_a_draft_is_a_warning_and_the_site_is_built()
    {
        var text = Postmortems.File(Postmortems.FrontMatter(published: "", actionItems: Postmortems.DefaultActionItems.Replace("type: detect", "type: detection")), Postmortems.Body());
        using var site = Site(Postmortems.Incident(), text);

        var result = await site.BuildOkAsync();
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticLevel.Warning, Postmortems.LineOf(text, "type: detection")), (warning.Level, warning.Line));
        Assert.EndsWith("(in a draft, so it does not stop the build)", warning.Message, StringComparison.Ordinal);
    }
}
