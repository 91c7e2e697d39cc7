using Spectre.Console;
using StatusSite.Authoring;
using StatusSite.Cli;
using StatusSite.Reading;
using StatusSite.Tests.Support;

namespace StatusSite.Tests;

public sealed class NewPostmortemTests
{
    private static async Task<(TestSite Site, string Text)> ScaffoldAsync()
    {
        var site = TestSite.Create();
        site.Write("incidents/api-outage.md", Postmortems.Incident());
        var model = (await site.BuildOkAsync()).Model!;
        var scaffold = PostmortemScaffolder.Create(model, "api-outage");
        Assert.True(scaffold.Succeeded, scaffold.Error);
        Assert.Equal("postmortems/api-outage.md", scaffold.RelativePath);
        return (site, scaffold.Text!);
    }

    [Fact]
    public async Task Scaffolded_draft_parses_with_every_heading_and_the_incident_timeline()
    {
        var (site, text) = await ScaffoldAsync();
        using var _ = site;
        site.Write("postmortems/api-outage.md", text);

        var (content, diagnostics) = ContentReader.Read(site.Input, "input");
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Sorted()));
        var postmortem = Assert.Single(content!.Postmortems);
        Assert.True(postmortem.IsDraft);
        Assert.Equal("Postmortem: API outage", postmortem.Title);
        Assert.Equal(["api-outage"], postmortem.IncidentIds);
        Assert.Equal(PostmortemScaffolder.Headings, postmortem.Sections.Select(s => s.Heading));
        var timeline = postmortem.Sections.Single(s => s.Heading == "Timeline").Markdown;
        Assert.Contains("- 2026-11-20 10:00 UTC — Impact starts.", timeline, StringComparison.Ordinal);
        Assert.Contains("- 2026-11-20 10:10 UTC — Public update (Investigating): We are investigating failing API requests.", timeline, StringComparison.Ordinal);
        Assert.Contains("- 2026-11-20 10:40 UTC — Public update (Monitoring): A fix is in place.", timeline, StringComparison.Ordinal);
        Assert.Contains("- 2026-11-20 11:30 UTC — Public update (Resolved): The API is working normally.", timeline, StringComparison.Ordinal);
        Assert.True(timeline.IndexOf("10:10 UTC", StringComparison.Ordinal) < timeline.IndexOf("11:30 UTC", StringComparison.Ordinal));

        // As a draft it builds and publishes nothing.
        var result = await site.BuildOkAsync();
        Assert.Empty(result.Model!.Postmortems);
    }

    [Fact]
    public async Task Scaffolded_postmortem_once_completed_builds_and_shows_the_reconstructed_timeline()
    {
        var (site, text) = await ScaffoldAsync();
        using var _ = site;
        var completed = text
            .Replace("# published: 2026-11-20T11:30:00Z", "published: 2026-11-21T09:00:00Z", StringComparison.Ordinal)
            .Replace("summary: \"\"", "summary: The API failed for 90 minutes.", StringComparison.Ordinal)
            .Replace("action_items: []", Postmortems.DefaultActionItems, StringComparison.Ordinal)
            .Replace("## Summary\n", "## Summary\n\nThe API failed.\n", StringComparison.Ordinal)
            .Replace("## Impact\n", "## Impact\n\nRequests failed.\n", StringComparison.Ordinal)
            .Replace("## Five whys\n", "## Five whys\n\n" + Postmortems.Whys + "\n", StringComparison.Ordinal);
        site.Write("postmortems/api-outage.md", completed);

        var result = await site.BuildOkAsync();
        Assert.DoesNotContain(result.Diagnostics, d => d.Rule is not null);
        var timeline = site.Page("postmortems/api-outage/").QuerySelectorAll(".pm-section").Single(s => s.QuerySelector("h2")!.TextContent == "Timeline");
        Assert.Equal(4, timeline.QuerySelectorAll("li").Length);
        Assert.Contains("Public update (Monitoring): A fix is in place.", timeline.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_incident_is_refused_with_a_suggestion()
    {
        using var site = TestSite.Create();
        site.Write("incidents/api-outage.md", Postmortems.Incident());
        var model = (await site.BuildOkAsync()).Model!;

        var scaffold = PostmortemScaffolder.Create(model, "api-outgae");
        Assert.False(scaffold.Succeeded);
        Assert.Null(scaffold.Text);
        Assert.Equal("unknown incident 'api-outgae' (did you mean 'api-outage'?); give the id of an incident, its file name in input/incidents/ without '.md'", scaffold.Error);
    }

    [Fact]
    public void Command_writes_the_draft_prints_its_path_and_never_overwrites()
    {
        using var site = TestSite.Create();
        site.Write("incidents/api-outage.md", Postmortems.Incident());
        string[] args = ["new", "postmortem", "api-outage", "--input", site.Input, "--now", TestSite.DefaultNow];

        var (code, output) = Run(args);
        Assert.Equal(CliApp.Success, code);
        var written = Path.Combine(site.Input, "postmortems", "api-outage.md");
        Assert.EndsWith("postmortems/api-outage.md", output.Trim(), StringComparison.Ordinal);
        Assert.Contains("## Timeline", File.ReadAllText(written), StringComparison.Ordinal);
        Assert.Equal(["api-outage.md"], Directory.GetFiles(Path.GetDirectoryName(written)!).Select(Path.GetFileName));

        File.WriteAllText(written, "kept");
        var (again, message) = Run(args);
        Assert.Equal(CliApp.ContentErrors, again);
        Assert.Contains("already exists", message, StringComparison.Ordinal);
        Assert.Equal("kept", File.ReadAllText(written));

        var (unknown, refusal) = Run(["new", "postmortem", "api-outgae", "--input", site.Input, "--now", TestSite.DefaultNow]);
        Assert.Equal(CliApp.UsageError, unknown);
        Assert.Contains("did you mean 'api-outage'?", refusal, StringComparison.Ordinal);
    }

    private static (int Code, string Output) Run(string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 4096;
        var code = CliApp.Run(args, console);
        return (code, writer.ToString());
    }
}
