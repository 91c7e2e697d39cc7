using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using StatusSite.Rendering;
using StatusSite.Tests.Support;
using static StatusSite.Tests.Support.Incidents;

namespace StatusSite.Tests;

/// <summary>
/// Content is untrusted: a link or image in Markdown keeps only an http, https, mailto, relative or '#fragment' target,
/// the others are shown as text; site.yml's addresses are web addresses; HTML comments are author notes, never published.
/// </summary>
public sealed class LinkSafetyTests
{
    /// <summary>Each way Markdown can carry a script or data target, and the target as the reader is shown it.</summary>
    public static TheoryData<string, string> UnsafeLinks => new()
    {
        { "[help](javascript:alert(1))", "help (javascript:alert(1))" },
        { "![chart](javascript:alert(1))", "chart (javascript:alert(1))" },
        { "<javascript:alert(1)>", "javascript:alert(1)" },
        { "See [help][ref].\n\n[ref]: javascript:alert(1)", "See help (javascript:alert(1))." },
        { "See [ref].\n\n[ref]: <vbscript:msgbox(1)> \"title\"", "See ref (vbscript:msgbox(1))." },
        { "[help](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "help (data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)" },
        { "![](data:image/svg+xml,x)", "(data:image/svg+xml,x)" },
        { "[help](vbscript:msgbox(1))", "help (vbscript:msgbox(1))" },
        { "[help](jav&#x61;script:alert(1))", "help (javascript:alert(1))" },
        { "[help](&#106;avascript&#58;alert(1))", "help (javascript:alert(1))" },
        { "[help](JaVaScRiPt:alert(1))", "help (JaVaScRiPt:alert(1))" },
        { "[help](<  javascript:alert(1)>)", "javascript:alert(1))" },
        { "[help](&#32;javascript:alert(1))", "javascript:alert(1))" },
        { "[help](java&#9;script:alert(1))", "script:alert(1))" },
        { "[help](&#1;javascript:alert(1))", "javascript:alert(1))" },
        { "[**bold** help](javascript:alert(1))", "bold help (javascript:alert(1))" },
        { "[![img](javascript:a)](javascript:b)", "img (javascript:a) (javascript:b)" },
        { "<vbscript:msgbox(1)>", "vbscript:msgbox(1)" },
        { "Call tel:+4930123", "Call tel:+4930123" },
    };

    [Theory]
    [MemberData(nameof(UnsafeLinks))]
    public void An_unsafe_target_is_shown_as_text_never_as_a_link(string markdown, string shown)
    {
        var html = MarkdownRenderer.ToHtml(markdown);
        var page = new HtmlParser().ParseDocument(html);

        Assert.Empty(page.QuerySelectorAll("a, img, [href], [src]"));
        Assert.Contains(shown, page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains(shown, MarkdownRenderer.ToPlainText(markdown), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[status](https://status.acme.example/)", "a", "href", "https://status.acme.example/")]
    [InlineData("[status](HTTP://status.acme.example/)", "a", "href", "HTTP://status.acme.example/")]
    [InlineData("[mail us](mailto:ops@acme.example)", "a", "href", "mailto:ops@acme.example")]
    [InlineData("[the incident](/incidents/api-outage/)", "a", "href", "/incidents/api-outage/")]
    [InlineData("[up](../)", "a", "href", "../")]
    [InlineData("[timeline](#timeline)", "a", "href", "#timeline")]
    [InlineData("[a page](docs/javascript:x)", "a", "href", "docs/javascript:x")]
    [InlineData("![graph](/assets/graph.png)", "img", "src", "/assets/graph.png")]
    [InlineData("<https://acme.example/help>", "a", "href", "https://acme.example/help")]
    [InlineData("<ops@acme.example>", "a", "href", "mailto:ops@acme.example")]
    [InlineData("See www.acme.example today", "a", "href", "http://www.acme.example")]
    [InlineData("See [help][ref].\n\n[ref]: https://acme.example/help", "a", "href", "https://acme.example/help")]
    public void A_safe_target_stays_a_link(string markdown, string element, string attribute, string target)
    {
        var page = new HtmlParser().ParseDocument(MarkdownRenderer.ToHtml(markdown));

        Assert.Equal(target, Assert.Single(page.QuerySelectorAll(element)).GetAttribute(attribute));
    }

    [Fact]
    public async Task No_output_file_holds_a_script_link_from_an_update()
    {
        // A control character written as a reference ('&#1;') is refused before any rendering (the BadInput corpus shows it).
        var message = string.Join("\n\n", UnsafeLinks.Select(row => (string)row[0]).Where(m => !m.Contains("\n\n", StringComparison.Ordinal) && !m.Contains("&#1;", StringComparison.Ordinal)))
            + "\n\nSee [our help](https://acme.example/help) and [a page](jav&#x61;script:alert(2)) and [more][x].\n\n[x]: vbscript:msgbox(1)";
        using var site = TestSite.Create();
        site.Write("incidents/api-errors.md", File(
            "title: API errors\nseverity: SEV2\ncomponents:\n  api: partial_outage",
            Update("2026-11-26 10:00 UTC", "Investigating", message)));
        await site.BuildOkAsync();

        string[] withHtml = ["index.html", "incidents/api-errors/index.html", "feed.atom", "feed.rss", "feed.json"];
        foreach (var path in withHtml.Concat(["api/v2/incidents.json", "api/v2/summary.json"]))
        {
            var text = site.ReadOutput(path);
            Assert.False(LinkTo("javascript|vbscript|data").IsMatch(text), $"{path} links to a script: {LinkTo("javascript|vbscript|data").Match(text).Value}");
            Assert.Contains("alert(2)", text, StringComparison.Ordinal);
        }

        // The same search finds the safe link, so it reads each file's quoting.
        foreach (var path in withHtml)
        {
            Assert.True(LinkTo("https").IsMatch(site.ReadOutput(path)), $"{path}: the safe link is missing");
        }

        Assert.Contains("a page (javascript:alert(2))", site.Page("incidents/api-errors/").Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("more (vbscript:msgbox(1))", site.ReadOutput("api/v2/incidents.json"), StringComparison.Ordinal);
        foreach (var (path, bytes) in TestSite.Snapshot(site.Output))
        {
            Assert.False(LinkTo("javascript|vbscript|data").IsMatch(Encoding.UTF8.GetString(bytes)), $"{path} links to a script");
        }
    }

    /// <summary>An href or src attribute to <paramref name="schemes"/>, as HTML, XML-escaped HTML or JSON-escaped HTML writes it.</summary>
    private static Regex LinkTo(string schemes) =>
        new($@"(href|src)\s*=\s*(""|'|&quot;|&#34;|&#39;|\\""|\\u0022|\\u0027)?\s*({schemes}):", RegexOptions.IgnoreCase);

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript:alert(document.cookie)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("acme.example/support")]
    [InlineData("/support")]
    public async Task A_support_url_that_is_not_a_web_address_is_an_error_with_its_line(string url)
    {
        using var site = TestSite.Create(TestSite.DefaultSiteYml.Replace("support_url: https://acme.example/support", $"support_url: \"{url}\"", StringComparison.Ordinal));

        var result = await site.BuildAsync();

        Assert.False(result.Succeeded);
        Assert.Equal(
            $"input/site.yml:6: support_url '{url}' is not an absolute web address; write it as 'https://acme.example/support'",
            Assert.Single(result.Diagnostics).ToString());
        Assert.False(Directory.Exists(site.Output));
    }

    [Fact]
    public async Task A_web_support_url_is_linked_in_the_footer()
    {
        using var site = TestSite.Create();
        await site.BuildOkAsync();

        Assert.Contains(site.Page().QuerySelectorAll("footer a"), a => a.GetAttribute("href") == "https://acme.example/support");
    }

    [Theory]
    [InlineData("Plain <!-- secret --> text.", "<p>Plain  text.</p>\n")]
    [InlineData("First paragraph.\n<!-- secret\nover lines -->\nSecond paragraph.", "<p>First paragraph.</p>\n<p>Second paragraph.</p>\n")]
    [InlineData("<!-- secret -->\nText.", "<p>Text.</p>\n")]
    [InlineData("- one <!-- secret -->\n- two\n\n> <!-- secret -->\n> quoted", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<blockquote>\n<p>quoted</p>\n</blockquote>\n")]
    [InlineData("Text <!-- secret\nacross --> continues.", "<p>Text  continues.</p>\n")]
    [InlineData("<!-- secret --> after the note", "<p>after the note</p>\n")]
    [InlineData("Shown: `<!-- code -->`", "<p>Shown: <code>&lt;!-- code --&gt;</code></p>\n")]
    [InlineData("    <!-- indented code -->", "<pre><code>&lt;!-- indented code --&gt;\n</code></pre>\n")]
    [InlineData("<!-- secret never closed\n\nstill the note", "")]
    [InlineData("a <!-- not closed inline", "<p>a &lt;!-- not closed inline</p>\n")]
    public void An_html_comment_is_an_author_note_and_code_is_shown_as_written(string markdown, string html)
    {
        Assert.Equal(html, MarkdownRenderer.ToHtml(markdown));
        Assert.DoesNotContain("secret", MarkdownRenderer.ToPlainText(markdown), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_output_file_holds_an_html_comment_of_the_content_and_blameless_ignore_still_silences()
    {
        const string Secret = "zq-note-4d1e";
        using var site = TestSite.Create();
        site.Write("incidents/api-outage.md", Postmortems.Incident(extra: "postmortem: review").Replace(
            "We are investigating failing API requests.",
            $"We are investigating failing API requests. <!-- {Secret} inline -->\n\n<!-- {Secret} block\nover two lines -->\n\n- a list <!-- {Secret} in a list -->",
            StringComparison.Ordinal));
        site.Write("incidents/open.md", File(
            "title: Open incident\nseverity: SEV3\ncomponents:\n  dashboard: degraded_performance",
            Update("2026-11-26 10:00 UTC", "Investigating", $"<!-- {Secret} first -->\nSlow dashboard. <!--{Secret}-->")));
        site.Write("maintenance/window.md", $"---\ntitle: Database upgrade\ncomponents:\n  api: under_maintenance\nscheduled_for: 2026-11-26T02:00:00Z\nscheduled_until: 2026-11-26T03:00:00Z\n---\n\nWe upgrade the database. <!-- {Secret} description -->\n");
        site.Write("postmortems/review.md", Postmortems.File(
            Postmortems.FrontMatter(),
            Postmortems.Body(
                summary: $"The API tier ran out of connections. <!-- {Secret} summary -->",
                wentWell: $"<!-- blameless-ignore: quoting the customer's words {Secret} -->\nA customer wrote: \"this was human error\".\n\n<!-- {Secret} note -->")));

        var result = await site.BuildOkAsync();

        Assert.DoesNotContain(result.Diagnostics, d => d.Rule == "human-error");
        Assert.Contains("this was human error", site.ReadOutput("postmortems/review/index.html"), StringComparison.Ordinal);
        Assert.Contains("We upgrade the database.", site.ReadOutput("feed.json"), StringComparison.Ordinal);
        foreach (var (path, bytes) in TestSite.Snapshot(site.Output))
        {
            var text = Encoding.UTF8.GetString(bytes);
            Assert.False(text.Contains(Secret, StringComparison.Ordinal), $"{path} publishes an author note");
            Assert.False(text.Contains("blameless-ignore", StringComparison.Ordinal), $"{path} publishes a blameless-ignore");
        }
    }

    [Fact]
    public async Task Entries_the_clock_makes_for_a_window_carry_its_description()
    {
        const string Description = "We upgrade the primary database to the next minor version.";
        using var site = TestSite.Create();
        site.Write("maintenance/db-upgrade.md", $"---\ntitle: Database upgrade\ncomponents:\n  api: under_maintenance\nscheduled_for: 2026-11-26T02:00:00Z\nscheduled_until: 2026-11-26T03:00:00Z\n---\n\n{Description}\n\n## 2026-11-20 09:00 UTC — Scheduled\n\nAnnounced a week ahead.\n");
        await site.BuildOkAsync();

        using var feed = System.Text.Json.JsonDocument.Parse(site.ReadOutput("feed.json"));
        var items = feed.RootElement.GetProperty("items").EnumerateArray().ToList();
        foreach (var suffix in new[] { "-in-progress", "-completed" })
        {
            var item = Assert.Single(items, i => i.GetProperty("id").GetString()!.EndsWith(suffix, StringComparison.Ordinal));
            Assert.Contains(Description, item.GetProperty("content_html").GetString(), StringComparison.Ordinal);
        }

        foreach (var (path, entry, id) in new[] { ("feed.atom", "entry", "id"), ("feed.rss", "item", "guid") })
        {
            var entries = System.Xml.Linq.XDocument.Parse(site.ReadOutput(path)).Descendants().Where(e => e.Name.LocalName == entry).ToList();
            foreach (var suffix in new[] { "-in-progress", "-completed" })
            {
                var made = Assert.Single(entries, e => e.Elements().Single(x => x.Name.LocalName == id).Value.EndsWith(suffix, StringComparison.Ordinal));
                Assert.Contains(Description, made.Value, StringComparison.Ordinal);
            }
        }

        using var api = System.Text.Json.JsonDocument.Parse(site.ReadOutput("api/v2/scheduled-maintenances.json"));
        var updates = api.RootElement.GetProperty("scheduled_maintenances")[0].GetProperty("incident_updates").EnumerateArray().ToList();
        Assert.Equal(3, updates.Count);
        Assert.All(updates.Where(u => u.GetProperty("id").GetString()!.EndsWith("-in-progress", StringComparison.Ordinal) || u.GetProperty("id").GetString()!.EndsWith("-completed", StringComparison.Ordinal)),
            u => Assert.Equal(Description, u.GetProperty("body").GetString()));
        Assert.Equal(2, updates.Count(u => u.GetProperty("body").GetString() == Description));
    }
}
