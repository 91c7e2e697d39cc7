using System.Collections.Concurrent;
using System.Diagnostics;
using AngleSharp.Html.Parser;
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

    /// <summary>Parses one output file if it is HTML and keeps its ids, links and parse errors. Thread-safe.</summary>
    public void Inspect(string path, byte[] content)
    {
        if (!path.EndsWith(".html", StringComparison.Ordinal))
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var facts = new PageFacts();
        var parser = new HtmlParser(new HtmlParserOptions { IsKeepingSourceReferences = true });
        parser.Error += (_, e) =>
        {
            if (e is AngleSharp.Html.Dom.Events.HtmlErrorEvent error)
            {
                facts.Problems.Add((error.Position.Line, $"the HTML is not well-formed: {error.Message} (error {error.Code}); close every element the template opens, in order"));
            }
        };

        using var stream = new MemoryStream(content, writable: false);
        using var document = parser.ParseDocument(stream);
        foreach (var element in document.All)
        {
            var line = element.SourceReference?.Position.Line ?? 0;
            if (element.Id is { Length: > 0 } id && !facts.Ids.Add(id))
            {
                facts.Problems.Add((line, $"id '{id}' is used more than once on the page; ids must be unique, so give this element another id or none"));
            }

            foreach (var name in LinkAttributes)
            {
                if (element.GetAttribute(name) is { Length: > 0 } target)
                {
                    facts.Links.Add((line, target, element.LocalName == "link" && element.GetAttribute("rel") is "canonical"));
                }
            }
        }

        _pages[path] = facts;
        Interlocked.Add(ref _inspectTicks, Stopwatch.GetElapsedTime(started).Ticks);
    }

    /// <summary>Every problem found, in a stable order; empty when the site may be published.</summary>
    public IReadOnlyList<Diagnostic> Check()
    {
        var started = Stopwatch.GetTimestamp();
        var problems = new List<Diagnostic>();
        foreach (var (path, facts) in _pages.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var display = $"{_displayRoot}/{path}";
            foreach (var (line, message) in facts.Problems)
            {
                problems.Add(new Diagnostic(DiagnosticLevel.Error, display, line, message));
            }

            foreach (var (line, href, canonical) in facts.Links)
            {
                if (Resolve(path, href) is not { } target)
                {
                    continue;
                }

                var (file, fragment) = target;
                if (!_files.Contains(file))
                {
                    var shown = canonical ? $"the canonical address '{href}'" : $"link to '{href}'";
                    problems.Add(new Diagnostic(DiagnosticLevel.Error, display, line, $"{shown} goes nowhere: the site has no '{file}'{DidYouMean(file)}; link to a page the site has"));
                }
                else if (fragment.Length > 0 && _pages.TryGetValue(file, out var targetPage) && !targetPage.Ids.Contains(fragment))
                {
                    problems.Add(new Diagnostic(DiagnosticLevel.Error, display, line, $"link to '{href}' points at '#{fragment}', which '{file}' does not have{Suggest.DidYouMean(fragment, targetPage.Ids)}; link to an id the page has"));
                }
            }
        }

        Interlocked.Add(ref _inspectTicks, Stopwatch.GetElapsedTime(started).Ticks);
        return problems;
    }

    private static readonly string[] LinkAttributes = ["href", "src", "xlink:href"];

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
            sitePath = new Uri(new Uri(PageBase, page), withoutFragment).AbsolutePath.TrimStart('/');
        }

        sitePath = Uri.UnescapeDataString(sitePath);
        if (sitePath.Length == 0 || sitePath.EndsWith('/'))
        {
            sitePath += "index.html";
        }

        return (sitePath, fragment);
    }

    private static readonly Uri PageBase = new("https://site.invalid/");

    private string DidYouMean(string file) =>
        Suggest.DidYouMean(file, _files.Where(f => f.EndsWith(".html", StringComparison.Ordinal) && f.Count(c => c == '/') == file.Count(c => c == '/')));

    private sealed class PageFacts
    {
        public HashSet<string> Ids { get; } = new(StringComparer.Ordinal);

        public List<(int Line, string Href, bool Canonical)> Links { get; } = [];

        public List<(int Line, string Message)> Problems { get; } = [];
    }
}
