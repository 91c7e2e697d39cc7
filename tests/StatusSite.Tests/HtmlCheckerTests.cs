using StatusSite.Core;
using StatusSite.Publishing;

namespace StatusSite.Tests;

/// <summary>
/// The HTML check on single pages, without a build: how its scanner reads markup a browser reads
/// without complaint (comments, scripts, quoting, entities, case) and where it reports what it cannot read.
/// </summary>
public sealed class HtmlCheckerTests
{
    private static IReadOnlyList<Diagnostic> Check(string html)
    {
        var checker = new HtmlChecker(["index.html", "a/index.html", "style.css"], new Uri("https://s.invalid/"), "_site");
        checker.Inspect("index.html", html.AsMemory());
        var problems = checker.Check();
        Assert.All(problems, p => Assert.Equal("_site/index.html", p.Path));
        return problems;
    }

    private static void AssertClean(string html)
    {
        var problems = Check(html);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Comments_hide_tags_and_may_hold_double_dashes()
    {
        AssertClean("""
            <div><!-- <p> -- an unclosed paragraph and <a href="nowhere.html"> a dead link, both commented out --></div>
            <!---->
            <!-- a comment
            over lines -- with <div> in it --><p>after</p>
            """);
    }

    [Fact]
    public void Script_content_is_text_up_to_its_own_end_tag_in_any_case()
    {
        AssertClean("""
            <p>before</p><script>if (a < b && c<d) { s = '</p><div id="x"><a href="nowhere.html">'; }</script><p id="x">after</p>
            <SCRIPT type="module">let t = "</scripts>";</Script ><style>p > a { color: red }</style>
            """);
    }

    [Fact]
    public void Title_content_is_text_even_with_a_less_than_sign()
    {
        AssertClean("<head><title>1 < 2 </p> <div> and <b></title></head>");
    }

    [Fact]
    public void A_less_than_sign_that_starts_no_tag_is_text()
    {
        AssertClean("<p>1 < 2, 3 <= 4, a <-b, <3 and <</p><p>< /p></p>");
    }

    [Fact]
    public void Single_quoted_unquoted_and_valueless_attributes_are_read()
    {
        var problems = Check("""<p id='one' hidden>x</p><p id=two class = "a b">y</p><a href=#two>ok</a><a href='#three'>bad</a><input disabled>""");

        var problem = Assert.Single(problems);
        Assert.StartsWith("link to '#three' points at '#three', which 'index.html' does not have", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unquoted_value_ending_in_a_slash_does_not_close_the_element()
    {
        // "a/" is the whole value: were it read as "a" and "/>", the link would miss and </a> would be stray.
        AssertClean("<p><a href=a/>folder</a></p>");
    }

    [Fact]
    public void Entities_in_attribute_values_are_decoded_before_links_and_ids_are_checked()
    {
        var problems = Check("""<p id="a&amp;b">x</p><a href="#a&amp;b">ok</a><a href="a/&#105;ndex.html">ok</a><a href="missing.html?x=1&amp;y=2">bad</a>""");

        var problem = Assert.Single(problems);
        Assert.StartsWith("link to 'missing.html?x=1&y=2' goes nowhere: the site has no 'missing.html'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tag_and_attribute_names_are_case_insensitive()
    {
        AssertClean("""<DIV><P ID="x">a</p></Div><A HREF="#x">x</a><Svg><Path D="M0 0"/></SVG>""");
        Assert.Contains("points at '#y'", Assert.Single(Check("""<A HREF="#y">y</A>""")).Message, StringComparison.Ordinal);

        var problem = Assert.Single(Check("<DIV><Span>a</DIV>"), p => p.Message.Contains("</div> closes", StringComparison.Ordinal));
        Assert.Equal("the HTML is not well-formed: </div> closes an element that is not open (the innermost open one is <span> from line 1); close every element the template opens, in order", problem.Message);
    }

    [Fact]
    public void An_attribute_given_twice_is_reported_and_the_first_counts()
    {
        var problems = Check("""<p id="a" ID="b">x</p><a href="#a">ok</a>""");

        var problem = Assert.Single(problems);
        Assert.Equal(1, problem.Line);
        Assert.Equal("the HTML is not well-formed: <p> has the attribute 'id' twice, and only the first counts; keep one", problem.Message);
    }

    [Fact]
    public void The_end_of_the_file_inside_a_tag_is_reported_where_the_tag_starts()
    {
        var problem = Assert.Single(Check("<p>x</p>\n<a href=\"a/\"\n class=x"));

        Assert.Equal(2, problem.Line);
        Assert.Equal("the HTML is not well-formed: the file ends inside the tag <a; close it with '>'", problem.Message);
    }

    [Theory]
    [InlineData("<p>x</p>\n<a href=\"a/>x</a>", "the HTML is not well-formed: the file ends inside the value of 'href' in <a>; close it with \"")]
    [InlineData("<p>x</p>\n<!-- <p>x</p>", "the HTML is not well-formed: the file ends inside a comment; close it with '-->'")]
    [InlineData("<p>x</p>\n<!DOCTYPE html", "the HTML is not well-formed: the file ends inside '<!'; close it with '>'")]
    public void The_end_of_the_file_inside_a_value_comment_or_declaration_is_reported(string html, string message)
    {
        var problem = Assert.Single(Check(html));

        Assert.Equal(2, problem.Line);
        Assert.Equal(message, problem.Message);
    }

    [Fact]
    public void A_slash_does_not_close_an_html_element_so_its_end_tag_is_not_stray()
    {
        // As a browser reads it (and AngleSharp): "<span/>" opens a span as "<span>" does. Found by
        // HtmlCheckerDifferentialTests; the checker had reported the </span> as closing nothing.
        AssertClean("<p><span class=\"icon\"/>text</span> and <em/>more</em></p><svg><path d=\"M0 0\"/><g/></svg>");
    }

    [Fact]
    public void A_slash_does_not_close_an_html_element_so_without_an_end_tag_it_is_never_closed()
    {
        var problems = Check("<div>\n<i class=\"icon\"/>\n</div>");

        Assert.Contains(problems, p => p.Line == 2 && p.Message == "the HTML is not well-formed: <i> is never closed; add </i> where it ends");
    }

    [Fact]
    public void A_script_whose_tag_ends_in_a_slash_still_runs_to_its_end_tag()
    {
        // "<script src=…/>" is a script element whose text is the rest of the page, up to a </script>.
        Assert.Equal(
            [
                "the HTML is not well-formed: <script> is never closed; add </script> where it ends",
                "the HTML is not well-formed: <div> is never closed; add </div> where it ends",
            ],
            Check("<div><script src=\"style.css\"/></div>").Select(p => p.Message));
    }

    [Fact]
    public void Line_numbers_count_every_line_before_the_tag_comments_included()
    {
        var problems = Check("<div>\n  <!-- two\n  lines --> text <span id=\"a\"></span>\n  <span id=\"a\"></span>\n\n<p>never closed\n</div>");

        Assert.Equal(
            [
                (4, "id 'a' is used more than once on the page; ids must be unique, so give this element another id or none"),
                (7, "the HTML is not well-formed: </div> closes an element that is not open (the innermost open one is <p> from line 6); close every element the template opens, in order"),
                (6, "the HTML is not well-formed: <p> is never closed; add </p> where it ends"),
                (1, "the HTML is not well-formed: <div> is never closed; add </div> where it ends"),
            ],
            problems.Select(p => (p.Line, p.Message)));
    }

    [Fact]
    public void Void_and_self_closing_elements_need_no_end_tag()
    {
        AssertClean("""
            <!DOCTYPE html><html><head><meta charset="utf-8"><link rel="stylesheet" href="style.css"></head>
            <body><p>a<br>b<img src="style.css" alt=""><input type=text><hr/></p>
            <svg viewBox="0 0 1 1"><path d="M0 0"/><circle r="1" /><use href="#p"></use><g id="p"></g></svg></body></html>
            """);
    }

    [Theory]
    [InlineData("../style.css", null)]
    [InlineData("./", null)]
    [InlineData("../", null)]
    [InlineData("#top", null)]
    [InlineData("index.html?x=1#top", null)]
    [InlineData("../a/%69ndex.html#t%6Fp", null)]
    [InlineData("/a/", null)]
    [InlineData("https://s.invalid/style.css", null)]
    [InlineData("https://elsewhere.invalid/nope/", null)]
    [InlineData("mailto:ops@s.invalid", null)]
    [InlineData("//cdn.invalid/nope.js", null)]
    [InlineData("nope.html", "link to 'nope.html' goes nowhere: the site has no 'a/nope.html'")]
    [InlineData("../nope/", "link to '../nope/' goes nowhere: the site has no 'nope/index.html'")]
    [InlineData("/nope/?x=1", "link to '/nope/?x=1' goes nowhere: the site has no 'nope/index.html'")]
    [InlineData("https://s.invalid/a/nope.css", "link to 'https://s.invalid/a/nope.css' goes nowhere: the site has no 'a/nope.css'")]
    [InlineData("#nope", "link to '#nope' points at '#nope', which 'a/index.html' does not have")]
    [InlineData("../a/#nope", "link to '../a/#nope' points at '#nope', which 'a/index.html' does not have")]
    [InlineData("../#top", "link to '../#top' points at '#top', which 'index.html' does not have")]
    public void Links_resolve_against_the_page_as_a_browser_does(string href, string? problem)
    {
        var checker = new HtmlChecker(["index.html", "a/index.html", "style.css"], new Uri("https://s.invalid/"), "_site");
        checker.Inspect("index.html", "<p id=\"home\">home</p>".AsMemory());
        checker.Inspect("a/index.html", $"<p id=\"top\"><a href=\"{href}\">link</a></p>".AsMemory());

        var problems = checker.Check();

        if (problem is null)
        {
            Assert.Empty(problems);
        }
        else
        {
            Assert.StartsWith(problem, Assert.Single(problems).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_missing_canonical_address_is_named_as_such()
    {
        var problem = Assert.Single(Check("""<link href="https://s.invalid/gone/" REL="canonical"><link rel="alternate" href="https://s.invalid/old/">"""), p => p.Message.Contains("gone", StringComparison.Ordinal));

        Assert.StartsWith("the canonical address 'https://s.invalid/gone/' goes nowhere", problem.Message, StringComparison.Ordinal);
    }
}
