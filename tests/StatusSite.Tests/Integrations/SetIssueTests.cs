using StatusSite.Authoring;
using StatusSite.Core;
using StatusSite.Model;
using StatusSite.Reading;
using StatusSite.Tests.Support;

namespace StatusSite.Tests.Integrations;

/// <summary>The edit behind <c>tickets sync --write</c>: one added line, or a refusal that says to edit by hand.</summary>
public sealed class SetIssueTests
{
    private static (string Text, ActionItem Item) Read(string actionItems, bool crlf = false)
    {
        var text = Postmortems.File(Postmortems.FrontMatter(actionItems: actionItems), Postmortems.Body());
        text = crlf ? text.Replace("\n", "\r\n", StringComparison.Ordinal) : text;
        var diagnostics = new DiagnosticBag();
        var postmortem = PostmortemReader.Read("input/postmortems/pm.md", MarkdownFile.Parse(text.Replace("\r\n", "\n", StringComparison.Ordinal), keepDocument: true), diagnostics);
        Assert.True(postmortem is not null, string.Join('\n', diagnostics.Sorted()));
        return (text, postmortem.ActionItems[0]);
    }

    [Fact]
    public void A_CRLF_file_keeps_its_line_endings_and_gains_exactly_one_line()
    {
        var (text, item) = Read(TicketsSyncTests.TwoItems, crlf: true);

        var edit = ContentAuthoring.SetIssue("input/postmortems/pm.md", text, item, "OPS-123");

        Assert.True(edit.Succeeded);
        Assert.Equal(text.Replace("    owner: Platform team\r\n    status: open", "    issue: OPS-123\r\n    owner: Platform team\r\n    status: open", StringComparison.Ordinal), edit.Text);
    }

    [Fact]
    public void An_item_written_as_a_flow_mapping_is_refused_with_the_line_to_add_by_hand()
    {
        var (text, item) = Read("""
            action_items:
              - { title: Add an alert, type: detect, priority: P1, owner: Platform team, status: open }
            """);

        var edit = ContentAuthoring.SetIssue("input/postmortems/pm.md", text, item, "42");

        Assert.False(edit.Succeeded);
        var error = Assert.Single(edit.Diagnostics);
        Assert.Equal(("input/postmortems/pm.md", Postmortems.LineOf(text, "- { title")), (error.Path, error.Line));
        Assert.Equal("this action item is not written one key per line, so 'issue:' cannot be added beside its keys; add 'issue: 42' by hand", error.Message);
    }

    [Fact]
    public void A_URL_is_written_quoted_and_reads_back_as_the_items_link()
    {
        var (text, item) = Read(TicketsSyncTests.TwoItems);

        var edit = ContentAuthoring.SetIssue("input/postmortems/pm.md", text, item, "https://github.com/acme/other/issues/7");

        Assert.True(edit.Succeeded, string.Join('\n', edit.Diagnostics));
        Assert.Contains("    issue: \"https://github.com/acme/other/issues/7\"\n    owner: Platform team", edit.Text);
    }
}
