using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Html.Dom.Events;
using AngleSharp.Html.Parser;
using StatusSite.Benchmarks;
using StatusSite.Core;
using StatusSite.Publishing;
using StatusSite.Tests.Support;

namespace StatusSite.Tests;

/// <summary>
/// The hand-written HTML scanner and checker against AngleSharp, a full HTML5 parser, on the
/// sample site, a generated 200-incident site and random markup. What is compared, and why:
/// <list type="bullet">
/// <item>The ids and the link targets (href, src, xlink:href) a page has, as multisets of
/// entity-decoded values: the checker's verdicts on fragments and broken links rest on them, and
/// both read them from the same start tags. AngleSharp's tree builder repairs markup, but for the
/// markup compared here (no &lt;template&gt;, no second &lt;html&gt; or &lt;body&gt;, no nested
/// &lt;form&gt;) it keeps every start tag with its attributes, only moving some; so the document's
/// elements hold the same attributes as the tags the scanner reads.</item>
/// <item>Whether a page is well-formed. The two do not mean the same by it: the HTML parser
/// accepts omitted end tags (&lt;p&gt; and &lt;li&gt; without their end), which the checker, by
/// design, rejects; and the checker does not know content models (a &lt;div&gt; inside a &lt;p&gt;
/// closes the &lt;p&gt; in a browser). So verdicts are compared only on markup made of elements
/// that are closed explicitly, whose content the parser takes as written: there, a parse error
/// reported by AngleSharp and a well-formedness problem reported by the checker must come together.
/// A page the checker rejects while the parser reads it without error is a false positive, which
/// would block a publish; the opposite is a problem the checker misses.</item>
/// </list>
/// </summary>
public sealed class HtmlCheckerDifferentialTests
{
    private static readonly Uri BaseUrl = new("https://status.acme.example/");

    /// <summary>
    /// Parse errors about spelling that a browser reads past without changing the document: a '&lt;'
    /// that starts no tag ("1 &lt; 2"), "--" inside a comment, and "/>" ending the start tag of an
    /// HTML element that is not void (the slash is ignored: the element stays open). Markdown and
    /// the theme write the first two, the checker accepts all three as the browser reads them, and
    /// they say nothing about the page's structure.
    /// </summary>
    private static readonly HashSet<HtmlParseError> Lexical = [HtmlParseError.AmbiguousOpenTag, HtmlParseError.CommentEndedUnexpected, HtmlParseError.TagCannotBeSelfClosed];

    [Fact]
    public async Task Every_page_of_the_sample_site_reads_the_same_in_both()
    {
        using var site = TestSite.FromSample();
        await site.BuildOkAsync();
        AssertSiteReadsTheSame(site.Output);
    }

    [Fact]
    public async Task Every_page_of_a_generated_200_incident_site_reads_the_same_in_both()
    {
        using var site = TestSite.Create(siteYml: null);
        CorpusGenerator.Write(site.Input, 200);
        var now = CorpusGenerator.Now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var result = await site.BuildAsync(now);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        AssertSiteReadsTheSame(site.Output);
    }

    [Fact]
    public void Random_well_formed_markup_is_accepted_by_both_with_the_same_ids_and_links()
    {
        for (var seed = 0; seed < 400; seed++)
        {
            var page = new MarkupGenerator(seed).Page(Mutation.None);
            var angle = Parse(page);
            Assert.True(angle.Errors.Count == 0, $"seed {seed}: the generator made markup AngleSharp rejects ({string.Join("; ", angle.Errors)}):\n{page}");
            var problems = Check(page, angle.Ids);
            Assert.True(problems.Count == 0, $"seed {seed}: false positive: {string.Join("; ", problems)}\n{page}");
            AssertSameFacts(seed.ToString(CultureInfo.InvariantCulture), page, angle);
        }
    }

    /// <summary>
    /// Each mutation makes the markup malformed by construction, so the checker must reject every
    /// page. AngleSharp is the independent judge: it must report a parse error for nearly every page
    /// too, or the generator would not be making what this test claims. It does not report every
    /// error the HTML standard names: an element left open when &lt;/body&gt; comes is one it
    /// lets pass, so some pages are rejected by the checker alone.
    /// </summary>
    [Theory]
    [InlineData(Mutation.DropEndTag)]
    [InlineData(Mutation.SwapEndTags)]
    [InlineData(Mutation.StrayEndTag)]
    [InlineData(Mutation.DuplicateAttribute)]
    [InlineData(Mutation.UnclosedComment)]
    [InlineData(Mutation.TruncateInsideTag)]
    public void Random_malformed_markup_is_rejected_by_the_checker_and_by_AngleSharp(Mutation mutation)
    {
        const int Pages = 150;
        var silent = new List<string>();
        for (var seed = 0; seed < Pages; seed++)
        {
            var page = new MarkupGenerator(seed).Page(mutation);
            var angle = Parse(page);
            var problems = Check(page, angle.Ids).Where(p => p.Message.Contains("not well-formed", StringComparison.Ordinal)).ToList();
            Assert.True(problems.Count > 0, $"seed {seed}: the checker misses a {mutation} ({string.Join("; ", angle.Errors)}):\n{page}");
            if (angle.Errors.Count == 0)
            {
                silent.Add($"seed {seed}: {problems[0].Message}");
            }

            // Ids and links are not compared here: on misnested formatting elements the tree builder
            // clones an element with its attributes (the "adoption agency"), so the document holds an
            // id or a link twice that the markup has once. Such a page is never published anyway.
        }

        Assert.True(silent.Count <= Pages / 5, $"AngleSharp finds no error in {silent.Count} of {Pages} pages with a {mutation}:\n{string.Join("\n", silent)}");
    }

    [Fact]
    public void Random_duplicate_ids_and_broken_links_are_found_as_the_parser_sees_them()
    {
        for (var seed = 0; seed < 150; seed++)
        {
            var page = new MarkupGenerator(seed).Page(Mutation.DuplicateIdAndBrokenLink);
            var angle = Parse(page);
            Assert.Empty(angle.Errors);
            var problems = Check(page, angle.Ids);
            var duplicates = angle.Ids.Count - angle.Ids.Distinct(StringComparer.Ordinal).Count();
            Assert.Equal(duplicates, problems.Count(p => p.Message.Contains("is used more than once", StringComparison.Ordinal)));
            var broken = angle.Links.Count(l => l.StartsWith("missing-", StringComparison.Ordinal));
            Assert.Equal(broken, problems.Count(p => p.Message.Contains("goes nowhere", StringComparison.Ordinal)));
            Assert.True(duplicates > 0 && broken > 0, page);
            AssertSameFacts(seed.ToString(CultureInfo.InvariantCulture), page, angle);
        }
    }

    private static void AssertSiteReadsTheSame(string output)
    {
        var pages = Directory.EnumerateFiles(output, "*.html", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(pages);
        foreach (var file in pages)
        {
            var path = Path.GetRelativePath(output, file).Replace('\\', '/');
            var html = File.ReadAllText(file);
            var angle = Parse(html);
            Assert.True(angle.Errors.Count == 0, $"{path}: AngleSharp reports {string.Join("; ", angle.Errors)}, the checker let it publish");
            AssertSameFacts(path, html, angle);
        }
    }

    /// <summary>What AngleSharp reads from a page: its parse errors, and the ids and link targets of its document.</summary>
    private sealed record ParsedPage(List<string> Errors, List<string> Ids, List<string> Links);

    private static ParsedPage Parse(string html)
    {
        var errors = new List<string>();
        var parser = new HtmlParser();
        parser.Error += (_, e) =>
        {
            var error = (HtmlErrorEvent)e;
            var code = (HtmlParseError)error.Code;
            if (!Lexical.Contains(code))
            {
                errors.Add($"{error.Position.Line}:{error.Position.Column} {code}: {error.Message}");
            }
        };
        var document = parser.ParseDocument(html);
        var ids = new List<string>();
        var links = new List<string>();
        foreach (var element in document.All)
        {
            foreach (var attribute in element.Attributes)
            {
                if (attribute.Name == "id" && attribute.Value.Length > 0)
                {
                    ids.Add(attribute.Value);
                }
                else if (attribute.Name is "href" or "src" or "xlink:href" && attribute.Value.Length > 0)
                {
                    links.Add(attribute.Value);
                }
            }
        }

        return new ParsedPage(errors, ids, links);
    }

    /// <summary>
    /// The ids and links as the checker's scanner reads them: the checker keeps exactly these
    /// attributes of each start tag (see <see cref="HtmlChecker.Inspect(string, ReadOnlyMemory{char})"/>), entity-decoded.
    /// </summary>
    private static (List<string> Ids, List<string> Links) Scan(string html)
    {
        var ids = new List<string>();
        var links = new List<string>();
        var scanner = new HtmlScanner(html, []);
        while (scanner.Next())
        {
            for (var a = 0; !scanner.IsEndTag && a < scanner.AttributeCount; a++)
            {
                var attribute = scanner.Attribute(a);
                var name = scanner.NameOf(attribute).ToString().ToLowerInvariant();
                var value = WebUtility.HtmlDecode(html.Substring(attribute.ValueStart, attribute.ValueLength));
                if (value.Length > 0 && name == "id")
                {
                    ids.Add(value);
                }
                else if (value.Length > 0 && name is "href" or "src" or "xlink:href")
                {
                    links.Add(value);
                }
            }
        }

        return (ids, links);
    }

    private static void AssertSameFacts(string what, string html, ParsedPage angle)
    {
        var (ids, links) = Scan(html);
        Assert.True(Sorted(ids).SequenceEqual(Sorted(angle.Ids)), $"{what}: ids differ: scanner [{string.Join(", ", Sorted(ids))}], AngleSharp [{string.Join(", ", Sorted(angle.Ids))}]\n{html}");
        Assert.True(Sorted(links).SequenceEqual(Sorted(angle.Links)), $"{what}: links differ: scanner [{string.Join(", ", Sorted(links))}], AngleSharp [{string.Join(", ", Sorted(angle.Links))}]\n{html}");
    }

    private static List<string> Sorted(IEnumerable<string> values) => [.. values.Order(StringComparer.Ordinal)];

    /// <summary>
    /// The checker's problems with one page, named 'page.html' in a site that also has 'other.html'
    /// and a probe page linking to every id AngleSharp found on it: an id the checker did not see
    /// would be reported as a link to a missing fragment of the probe.
    /// </summary>
    private static List<Diagnostic> Check(string html, IEnumerable<string> ids)
    {
        var checker = new HtmlChecker(["page.html", "other.html", "probe.html", "style.css"], BaseUrl, "_site");
        checker.Inspect("page.html", html.AsMemory());
        var probe = new StringBuilder("<!DOCTYPE html><title>probe</title>");
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            probe.Append("<a href=\"page.html#").Append(WebUtility.HtmlEncode(Uri.EscapeDataString(id))).Append("\">x</a>");
        }

        checker.Inspect("probe.html", probe.ToString().AsMemory());
        var problems = checker.Check().ToList();
        Assert.DoesNotContain(problems, p => p.Path == "_site/probe.html");
        return problems;
    }

    public enum Mutation
    {
        None,
        DropEndTag,
        SwapEndTags,
        StrayEndTag,
        DuplicateAttribute,
        UnclosedComment,
        TruncateInsideTag,
        DuplicateIdAndBrokenLink,
    }

    /// <summary>
    /// Random pages from a seed: nested elements that are all closed explicitly and whose content
    /// the HTML parser takes as written (phrasing content in paragraphs, no link in a link), with
    /// attributes quoted every way, entities, '&gt;' inside quoted values, comments, scripts,
    /// SVG and void elements; then, for a malformed page, one mutation.
    /// </summary>
    private sealed class MarkupGenerator(int seed)
    {
        private static readonly string[] Flow = ["div", "section", "article", "nav", "ul", "p", "h2", "details"];
        private static readonly string[] Phrasing = ["span", "em", "strong", "code", "a", "time", "abbr"];
        private static readonly string[] Texts = ["plain text", "1 < 2 and 3 > 2", "a &amp; b", "&lt;div&gt;", "caf\u00e9", "tab\there", "x <- y", "&#169; 2026"];
        private static readonly string[] Links = ["other.html", "page.html", "#top", "other.html#x", "https://example.invalid/a?b=1&amp;c=2", "style.css", "mailto:ops@acme.example", "./other.html", "a/../other.html", "?q=1"];

        private readonly Random _random = new(seed);
        private readonly List<string> _endTags = [];
        private int _ids;

        public string Page(Mutation mutation)
        {
            var body = new StringBuilder();
            var depth = _random.Next(2, 5);
            for (var i = _random.Next(1, 4); i > 0; i--)
            {
                FlowElement(body, depth);
            }

            if (mutation == Mutation.DuplicateIdAndBrokenLink)
            {
                body.Append("<div id=\"dup\"><a href=\"missing-").Append(_random.Next(100)).Append(".html\">gone</a></div><span id=\"dup\">again</span>");
            }

            var html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Page &amp; <b>title</b></title>")
                .Append("<link rel=\"stylesheet\" href=\"style.css\"><style>a > b { color: red }</style>")
                .Append("<script>if (a < b) { s = '</div>'; }</script></head>\n<body id=\"top\">")
                .Append(body)
                .Append("</body></html>\n")
                .ToString();
            return Mutate(html, mutation);
        }

        private void FlowElement(StringBuilder html, int depth)
        {
            var name = Flow[_random.Next(Flow.Length)];
            switch (name)
            {
                case "ul":
                    html.Append("<ul").Append(Attributes()).Append('>');
                    for (var i = _random.Next(1, 4); i > 0; i--)
                    {
                        html.Append("<li").Append(Attributes()).Append('>');
                        Content(html, depth - 1, flow: true);
                        html.Append("</li>");
                    }

                    html.Append("</ul>");
                    return;
                case "details":
                    html.Append("<details").Append(Attributes()).Append("><summary>more</summary>");
                    Content(html, depth - 1, flow: true);
                    html.Append("</details>");
                    return;
                case "p" or "h2":
                    html.Append('<').Append(name).Append(Attributes()).Append('>');
                    Content(html, depth - 1, flow: false);
                    html.Append("</").Append(name).Append('>');
                    return;
                default:
                    html.Append('<').Append(name).Append(Attributes()).Append('>');
                    Content(html, depth - 1, flow: true);
                    html.Append("</").Append(name).Append('>');
                    return;
            }
        }

        private void Content(StringBuilder html, int depth, bool flow, bool inLink = false)
        {
            for (var i = _random.Next(1, 4); i > 0; i--)
            {
                var pick = _random.Next(10);
                if (depth <= 0 || pick < 3)
                {
                    html.Append(Texts[_random.Next(Texts.Length)]);
                }
                else if (pick == 3)
                {
                    html.Append("<!-- a comment with <div> and -- dashes -->");
                }
                else if (pick == 4)
                {
                    html.Append(_random.Next(3) switch
                    {
                        0 => "<br>",
                        1 => $"<img alt=\"x > y\" src=\"{Links[_random.Next(Links.Length)]}\"{Attributes()}>",
                        _ => "<svg class=\"i\" aria-hidden=\"true\"><use href=\"#top\"></use><path d=\"M0 0\"/></svg>",
                    });
                }
                else if (flow && pick < 7)
                {
                    FlowElement(html, depth);
                }
                else
                {
                    var name = Phrasing[_random.Next(Phrasing.Length)];
                    if (name == "a" && inLink)
                    {
                        name = "span";
                    }

                    html.Append('<').Append(name).Append(Attributes());
                    if (name == "a")
                    {
                        html.Append(" href=").Append(Quoted(Links[_random.Next(Links.Length)]));
                    }

                    // "<em />" opens an element in HTML as "<em>" does: the slash means nothing there. (The
                    // space keeps the slash out of an unquoted value before it, which it would end.)
                    html.Append(_random.Next(6) == 0 ? " />" : ">");
                    Content(html, depth - 1, flow: false, inLink || name == "a");
                    html.Append("</").Append(name).Append('>');
                }
            }
        }

        private string Attributes()
        {
            var text = new StringBuilder();
            if (_random.Next(3) == 0)
            {
                text.Append(" id=").Append(Quoted("id-" + _ids++));
            }

            if (_random.Next(2) == 0)
            {
                text.Append(" class=").Append(Quoted(_random.Next(2) == 0 ? "a b" : "c"));
            }

            if (_random.Next(4) == 0)
            {
                text.Append(" title=").Append(Quoted(_random.Next(2) == 0 ? "x > y" : "it's \"quoted\""));
            }

            if (_random.Next(5) == 0)
            {
                text.Append(" hidden");
            }

            return text.ToString();
        }

        /// <summary>A value quoted the way the seed picks; one that cannot go unquoted is double-quoted.</summary>
        private string Quoted(string value)
        {
            var quote = _random.Next(3);
            if (quote == 2 && value.IndexOfAny([' ', '>', '"', '\'', '=', '<', '`']) < 0 && value.Length > 0)
            {
                return value;
            }

            return quote == 1 && !value.Contains('\'') ? $"'{value}'" : $"\"{value.Replace("\"", "&quot;")}\"";
        }

        private string Mutate(string html, Mutation mutation)
        {
            var body = html.IndexOf("<body", StringComparison.Ordinal);
            var end = html.IndexOf("</body>", StringComparison.Ordinal);
            switch (mutation)
            {
                case Mutation.DropEndTag:
                {
                    // An end tag the parser cannot do without: of a div, section, span or the like.
                    html = html.Replace("</body>", "<div><span>x</span></div></body>", StringComparison.Ordinal);
                    end = html.IndexOf("</body>", StringComparison.Ordinal);
                    var tags = EndTags(html, body, end, ["div", "section", "article", "nav", "span", "em", "strong", "code", "a", "time", "abbr", "h2", "details"]);
                    var (at, length) = tags[_random.Next(tags.Count)];
                    return html.Remove(at, length);
                }

                case Mutation.SwapEndTags:
                {
                    // Two adjacent end tags of different elements, swapped: "</em></p>" becomes "</p></em>".
                    html = html.Replace("</body>", "<div><span>x</span></div></body>", StringComparison.Ordinal);
                    end = html.IndexOf("</body>", StringComparison.Ordinal);
                    var pairs = Adjacent(EndTags(html, body, end, null), html);
                    var (first, second) = pairs[_random.Next(pairs.Count)];
                    return html[..first.at] + html.Substring(second.at, second.length) + html.Substring(first.at, first.length) + html[(second.at + second.length)..];
                }

                case Mutation.StrayEndTag:
                {
                    var at = RandomTagStart(html, body, end);
                    return html.Insert(at, _random.Next(2) == 0 ? "</span>" : "</div>");
                }

                case Mutation.DuplicateAttribute:
                    return html.Replace("<body id=\"top\">", "<body id=\"top\"><div class=\"a\" title=\"t\" CLASS=\"b\">x</div>", StringComparison.Ordinal);
                case Mutation.UnclosedComment:
                {
                    // After the last comment: an earlier "-->" would close it.
                    var after = html.LastIndexOf("-->", StringComparison.Ordinal);
                    return html.Insert(RandomTagStart(html, Math.Max(body, after), end), "<!-- never closed ");
                }

                case Mutation.TruncateInsideTag:
                {
                    var at = RandomTagStart(html, body, end);
                    var close = html.IndexOf('>', at);
                    return html[..(at + _random.Next(2, close - at))];
                }

                default:
                    return html;
            }
        }

        /// <summary>Where a tag starts in the body, picked at random: mutations go there, never inside a tag or a comment; "&lt;/body&gt;" when none does.</summary>
        private int RandomTagStart(string html, int from, int to)
        {
            var starts = new List<int>();
            for (var i = html.IndexOf('<', from + 1); i >= 0 && i < to; i = html.IndexOf('<', i + 1))
            {
                if (html.AsSpan(i).StartsWith("<!--"))
                {
                    i = html.IndexOf("-->", i, StringComparison.Ordinal);
                }
                else if (char.IsAsciiLetter(html[i + 1]))
                {
                    starts.Add(i);
                }
            }

            return starts.Count == 0 ? to : starts[_random.Next(starts.Count)];
        }

        private static List<(int at, int length)> EndTags(string html, int from, int to, string[]? names)
        {
            var tags = new List<(int, int)>();
            for (var i = html.IndexOf("</", from, StringComparison.Ordinal); i >= 0 && i < to; i = html.IndexOf("</", i + 2, StringComparison.Ordinal))
            {
                var close = html.IndexOf('>', i);
                var name = html[(i + 2)..close];
                if (names is null || names.Contains(name))
                {
                    tags.Add((i, close + 1 - i));
                }
            }

            return tags;
        }

        private static List<((int at, int length) First, (int at, int length) Second)> Adjacent(List<(int at, int length)> tags, string html) =>
            [.. tags.Zip(tags.Skip(1)).Where(p => p.First.at + p.First.length == p.Second.at && html.Substring(p.First.at, p.First.length) != html.Substring(p.Second.at, p.Second.length))];
    }
}
