using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using StatusSite.Content;

namespace StatusSite.Publishing;

/// <summary>
/// Proves the rendered site is sound before it replaces the published one: every page parses as
/// HTML without errors (unclosed or misnested elements), no page repeats an id, and every link,
/// stylesheet, script and fragment inside the site leads to a file and an id that exist.
/// Pages are inspected as they are rendered, in parallel; links are resolved once all are known.
/// Only the few facts each check needs are kept per page, so a large site costs one parse per page.
/// </summary>
public sealed class HtmlChecker
{
    private readonly ConcurrentDictionary<string, PageFacts> _pages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _suggestions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _files;
    private readonly string _displayRoot;
    private readonly string _host;
    private readonly string _basePath;
    private long _inspectTicks;

    /// <param name="files">Every output path ('/' separators), HTML or not: what a link may point at.</param>
    /// <param name="baseUrl">Where the site is published; absolute links into it are checked too.</param>
    /// <param name="displayRoot">How messages name the output folder, such as "_site".</param>
    public HtmlChecker(IEnumerable<string> files, Uri baseUrl, string displayRoot)
    {
        _files = new HashSet<string>(files, StringComparer.Ordinal);
        _host = baseUrl.Authority;
        _basePath = baseUrl.AbsolutePath.EndsWith('/') ? baseUrl.AbsolutePath : baseUrl.AbsolutePath + "/";
        _displayRoot = displayRoot.TrimEnd('/');
    }

    /// <summary>CPU time spent parsing pages and checking links, summed over threads.</summary>
    public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _inspectTicks));

    /// <summary>
    /// Inspects an HTML file that was produced as bytes (a theme's own page among its assets, say);
    /// rendered pages come as text, through <see cref="Inspect(string, string)"/>. Thread-safe.
    /// </summary>
    public void Inspect(string path, byte[] content)
    {
        if (IsPage(path))
        {
            Inspect(path, Encoding.UTF8.GetString(content));
        }
    }

    /// <summary>Reads one output file if it is HTML and keeps its ids, links and markup problems. Thread-safe.</summary>
    public void Inspect(string path, string html)
    {
        if (!IsPage(path))
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var facts = new PageFacts();

        // Only tags matter, so a scanner of tags replaces a tokenizer; the nesting a tree builder
        // would repair is checked here instead, strictly: every element the theme or the Markdown
        // opens is closed, in order. A page has a few dozen links and a shallow tree: sized once,
        // the lists rarely grow.
        var scanner = new HtmlScanner(html, facts.Problems);
        var open = new Stack<(string Name, int Line)>(32);
        var links = new List<LinkFact>(64);
        while (scanner.Next())
        {
            var tag = scanner.Name;
            var line = scanner.Line;
            if (scanner.IsEndTag)
            {
                if (open.Count > 0 && open.Peek().Name == tag)
                {
                    open.Pop();
                }
                else
                {
                    facts.Problems.Add((line, open.Count == 0
                        ? $"the HTML is not well-formed: </{tag}> closes an element that is not open; remove it"
                        : $"the HTML is not well-formed: </{tag}> closes an element that is not open (the innermost open one is <{open.Peek().Name}> from line {open.Peek().Line}); close every element the template opens, in order"));
                }

                continue;
            }

            var firstLink = links.Count;
            var rel = "";
            foreach (var attribute in scanner.Attributes)
            {
                var name = scanner.NameOf(attribute);
                if (Ascii.EqualsIgnoreCase(name, "id"))
                {
                    var id = ValueOf(html, attribute);
                    if (id.Length > 0 && !facts.Ids.Add(id))
                    {
                        facts.Problems.Add((line, $"id '{id}' is used more than once on the page; ids must be unique, so give this element another id or none"));
                    }
                }
                else if (Ascii.EqualsIgnoreCase(name, "href") || Ascii.EqualsIgnoreCase(name, "src") || Ascii.EqualsIgnoreCase(name, "xlink:href"))
                {
                    var href = ValueOf(html, attribute);
                    if (href.Length > 0)
                    {
                        links.Add(new LinkFact(line, href, Canonical: false));
                    }
                }
                else if (Ascii.EqualsIgnoreCase(name, "rel"))
                {
                    rel = ValueOf(html, attribute);
                }
            }

            if (tag == "link" && rel == "canonical")
            {
                for (var i = firstLink; i < links.Count; i++)
                {
                    links[i] = links[i] with { Canonical = true };
                }
            }

            if (!scanner.IsSelfClosing && !VoidElements.Contains(tag))
            {
                open.Push((tag, line));
            }
        }

        foreach (var (name, line) in open)
        {
            facts.Problems.Add((line, $"the HTML is not well-formed: <{name}> is never closed; add </{name}> where it ends"));
        }

        // Links are resolved now, and only those whose fragment names another page wait for the
        // end: keeping every page's links until all pages exist would hold tens of megabytes on a large site.
        foreach (var link in links)
        {
            if (Resolve(path, link.Href) is not { } target)
            {
                continue;
            }

            if (!_files.Contains(target.File))
            {
                var shown = link.Canonical ? $"the canonical address '{link.Href}'" : $"link to '{link.Href}'";
                facts.Problems.Add((link.Line, $"{shown} goes nowhere: the site has no '{target.File}'{DidYouMean(target.File)}; link to a page the site has"));
            }
            else if (target.Fragment.Length > 0 && target.File == path)
            {
                CheckFragment(facts, link.Line, link.Href, path, target.Fragment, facts.Ids);
            }
            else if (target.Fragment.Length > 0)
            {
                facts.Pending.Add((link.Line, link.Href, target.File, target.Fragment));
            }
        }

        _pages[path] = facts;
        Interlocked.Add(ref _inspectTicks, Stopwatch.GetElapsedTime(started).Ticks);
    }

    /// <summary>Every problem found, in a stable order; empty when the site may be published.</summary>
    public IReadOnlyList<Diagnostic> Check()
    {
        var started = Stopwatch.GetTimestamp();
        var problems = _pages
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .AsParallel()
            .AsOrdered()
            .SelectMany(page => ProblemsOf(page.Key, page.Value))
            .ToList();
        Interlocked.Add(ref _inspectTicks, Stopwatch.GetElapsedTime(started).Ticks);
        return problems;
    }

    private IEnumerable<Diagnostic> ProblemsOf(string path, PageFacts facts)
    {
        foreach (var (line, href, file, fragment) in facts.Pending)
        {
            if (_pages.TryGetValue(file, out var target))
            {
                CheckFragment(facts, line, href, file, fragment, target.Ids);
            }
        }

        var display = $"{_displayRoot}/{path}";
        return facts.Problems.Select(p => new Diagnostic(DiagnosticLevel.Error, display, p.Line, p.Message));
    }

    private static void CheckFragment(PageFacts facts, int line, string href, string file, string fragment, HashSet<string> ids)
    {
        if (!ids.Contains(fragment))
        {
            facts.Problems.Add((line, $"link to '{href}' points at '#{fragment}', which '{file}' does not have{Suggest.DidYouMean(fragment, ids)}; link to an id the page has"));
        }
    }

    private static readonly HashSet<string> VoidElements = new(StringComparer.Ordinal)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    };

    private static bool IsPage(string path) => path.EndsWith(".html", StringComparison.Ordinal);

    /// <summary>The output file and fragment a link inside the site leads to; null for links that leave the site.</summary>
    private (string File, string Fragment)? Resolve(string page, string href)
    {
        if (href.StartsWith("//", StringComparison.Ordinal))
        {
            return null;
        }

        var fragmentAt = href.IndexOf('#', StringComparison.Ordinal);
        var fragment = fragmentAt >= 0 ? Uri.UnescapeDataString(href[(fragmentAt + 1)..]) : "";
        var withoutFragment = fragmentAt >= 0 ? href[..fragmentAt] : href;
        var queryAt = withoutFragment.IndexOf('?', StringComparison.Ordinal);
        if (queryAt >= 0)
        {
            withoutFragment = withoutFragment[..queryAt];
        }

        string sitePath;
        if (withoutFragment.Length == 0)
        {
            sitePath = page;
        }
        else if (Uri.TryCreate(withoutFragment, UriKind.Absolute, out var absolute) && absolute.Scheme is not "file")
        {
            if (absolute.Scheme is not ("http" or "https") || !string.Equals(absolute.Authority, _host, StringComparison.OrdinalIgnoreCase)
                || !absolute.AbsolutePath.StartsWith(_basePath, StringComparison.Ordinal))
            {
                return null;
            }

            sitePath = absolute.AbsolutePath[_basePath.Length..];
        }
        else if (withoutFragment.StartsWith('/'))
        {
            if (!withoutFragment.StartsWith(_basePath, StringComparison.Ordinal))
            {
                return (withoutFragment.TrimStart('/'), fragment);
            }

            sitePath = withoutFragment[_basePath.Length..];
        }
        else
        {
            sitePath = Combine(page, withoutFragment);
        }

        sitePath = Uri.UnescapeDataString(sitePath);
        if (sitePath.Length == 0 || sitePath.EndsWith('/'))
        {
            sitePath += "index.html";
        }

        return (sitePath, fragment);
    }

    /// <summary>
    /// Resolves a relative link against the page's folder by path arithmetic: a site has tens of
    /// links per page and thousands of pages, and two Uri objects per link cost more than the check.
    /// Going above the site's root stays at the root, as a browser does.
    /// </summary>
    internal static string Combine(string page, string relative)
    {
        var segments = new List<string>(page.Split('/'));
        segments.RemoveAt(segments.Count - 1);
        var parts = relative.Split('/');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            var last = i == parts.Length - 1;
            if (part == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                if (last)
                {
                    segments.Add("");
                }
            }
            else if (part == ".")
            {
                if (last)
                {
                    segments.Add("");
                }
            }
            else
            {
                segments.Add(part);
            }
        }

        return string.Join('/', segments);
    }

    /// <summary>
    /// A suggestion for a missing page, computed once per missing page: a broken link in a layout
    /// repeats on every page, and comparing it with every page each time would take minutes on a large site.
    /// </summary>
    private string DidYouMean(string file) =>
        _suggestions.GetOrAdd(file, missing => Suggest.DidYouMean(missing, _files.Where(f => f.EndsWith(".html", StringComparison.Ordinal) && f.Count(c => c == '/') == missing.Count(c => c == '/'))));

    /// <summary>
    /// An attribute's value as a browser reads it: entities decoded, which few values have. Only the
    /// attributes a check reads get here: classes, ARIA and the rest are skipped unread.
    /// </summary>
    private static string ValueOf(string html, HtmlAttribute attribute)
    {
        var value = html.Substring(attribute.ValueStart, attribute.ValueLength);
        return value.Contains('&', StringComparison.Ordinal) ? WebUtility.HtmlDecode(value) : value;
    }

    private readonly record struct LinkFact(int Line, string Href, bool Canonical);

    private sealed class PageFacts
    {
        public HashSet<string> Ids { get; } = new(StringComparer.Ordinal);

        /// <summary>Links to a fragment of another page: checked once every page's ids are known.</summary>
        public List<(int Line, string Href, string File, string Fragment)> Pending { get; } = [];


        public List<(int Line, string Message)> Problems { get; } = [];
    }
}
