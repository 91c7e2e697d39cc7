using StatusSite.Core;
using StatusSite.Tests.Support;

namespace StatusSite.Tests;

/// <summary>The build refuses to publish pages with broken markup or links; a theme override is the easiest way to write one.</summary>
public sealed class HtmlCheckTests
{
    private static string HistoryLayout(string body) => $$"""
        @model Page<IReadOnlyList<HistoryMonth>>
        @{ Layout = "layouts/_layout.cshtml"; }
        <h1>@Model.Title</h1>
        {{body}}
        """;

    private static async Task<IReadOnlyList<Diagnostic>> BuildWithHistoryBody(TestSite site, string body)
    {
        site.Write("theme/layouts/history.cshtml", HistoryLayout(body));
        var result = await site.BuildAsync();
        Assert.False(result.Succeeded);
        Assert.False(Directory.Exists(site.Output), "a failed check must leave the output folder untouched");
        return [.. result.Diagnostics.Where(d => d.Level == DiagnosticLevel.Error)];
    }

    [Fact]
    public async Task Link_to_a_missing_page_fails_the_build_and_names_page_and_link()
    {
        using var site = TestSite.Create();
        var errors = await BuildWithHistoryBody(site, """<p><a href="../components/apii/">API</a></p>""");

        var error = Assert.Single(errors);
        Assert.EndsWith("_site/history/index.html", error.Path, StringComparison.Ordinal);
        Assert.True(error.Line > 0);
        Assert.Contains("link to '../components/apii/' goes nowhere", error.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'components/api/index.html'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_to_a_missing_anchor_fails_the_build()
    {
        using var site = TestSite.Create();
        var errors = await BuildWithHistoryBody(site, """<p><a href="../#componentz">Components</a></p>""");

        var error = Assert.Single(errors);
        Assert.Contains("points at '#componentz', which 'index.html' does not have (did you mean 'components'?)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplicate_id_fails_the_build()
    {
        using var site = TestSite.Create();
        var errors = await BuildWithHistoryBody(site, """<p id="twice">a</p><p id="twice">b</p>""");

        Assert.Contains(errors, e => e.Message.StartsWith("id 'twice' is used more than once", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Misnested_or_stray_closing_tags_fail_the_build()
    {
        using var site = TestSite.Create();
        var errors = await BuildWithHistoryBody(site, """<p><em>unfinished</p></section>""");

        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Contains("the HTML is not well-formed", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Element_never_closed_fails_the_build_naming_it()
    {
        using var site = TestSite.Create();
        var errors = await BuildWithHistoryBody(site, "<div class=\"months\">\n<ul><li>one</li></ul>");

        var error = Assert.Single(errors, e => e.Message.Contains("<div> is never closed", StringComparison.Ordinal));
        Assert.EndsWith("_site/history/index.html", error.Path, StringComparison.Ordinal);
        Assert.Equal("the HTML is not well-formed: <div> is never closed; add </div> where it ends", error.Message);
        Assert.True(error.Line > 0);
    }

    [Fact]
    public async Task Void_elements_self_closing_svg_and_scripts_need_no_end_tag()
    {
        using var site = TestSite.Create();
        site.Write("theme/layouts/history.cshtml", HistoryLayout("<p>a<br>b<img src=\"../assets/site.css\" alt=\"\"></p><svg aria-hidden=\"true\"><path d=\"M0 0\"/></svg><script>if (1 < 2) { document.write('</p>'); }</script>"));

        var result = await site.BuildAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public async Task Absolute_links_into_the_site_are_checked_and_links_elsewhere_are_not()
    {
        using var site = TestSite.Create();
        site.Write("theme/layouts/history.cshtml", HistoryLayout("""
            <p><a href="https://status.acme.example/maintenance/">ok</a> <a href="https://example.org/nowhere/">elsewhere</a> <a href="mailto:ops@acme.example">mail</a></p>
            """));
        await site.BuildOkAsync();

        using var broken = TestSite.Create();
        var errors = await BuildWithHistoryBody(broken, """<p><a href="https://status.acme.example/maintenance/old/">gone</a></p>""");
        Assert.Contains("the site has no 'maintenance/old/index.html'", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("incidents/x/index.html", "../../components/api/", "components/api/")]
    [InlineData("incidents/x/index.html", "../../assets/site.css", "assets/site.css")]
    [InlineData("index.html", "./", "")]
    [InlineData("index.html", "history/", "history/")]
    [InlineData("history/2026-11/index.html", "../", "history/")]
    [InlineData("history/2026-11/index.html", "../../../../x.html", "x.html")]
    [InlineData("history/index.html", "..", "")]
    [InlineData("a/b/index.html", "./c/./d.html", "a/b/c/d.html")]
    public void Relative_links_resolve_against_the_page_folder_as_a_browser_does(string page, string link, string expected)
    {
        Assert.Equal(expected, StatusSite.Publishing.HtmlChecker.Combine(page, link));
        Assert.Equal(new Uri(new Uri(new Uri("https://s.invalid/"), page), link).AbsolutePath.TrimStart('/'), expected);
    }

    [Fact]
    public async Task Sample_site_passes_the_check()
    {
        using var site = TestSite.FromSample();
        var result = await site.BuildOkAsync();

        Assert.DoesNotContain(result.Diagnostics, d => d.Level == DiagnosticLevel.Error);
    }
}
