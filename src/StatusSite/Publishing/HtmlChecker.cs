using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using StatusSite.Core;
using StatusSite.Presentation;

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
    private readonly ConcurrentDictionary<string, PageFacts> _pages;
    private readonly ConcurrentDictionary<string, string> _suggestions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _files;
    private readonly PathTable _fileLookup;
    private readonly string _displayRoot;
    private readonly string _host;
    private readonly string _basePath;

    /// <summary>The site's address when it ends in '/': a link that starts with it and goes on with a plain path needs no URI parser.</summary>
    private readonly string? _root;
    private long _inspectTicks;

    /// <param name="files">Every output path ('/' separators), HTML or not: what a link may point at.</param>
    /// <param name="baseUrl">Where the site is published; absolute links into it are checked too.</param>
    /// <param name="displayRoot">How messages name the output folder, such as "_site".</param>
    public HtmlChecker(IEnumerable<string> files, Uri baseUrl, string displayRoot)
    {
        _files = new HashSet<string>(files, StringComparer.Ordinal);
        _fileLookup = new PathTable(_files);

        // Sized for every page up front: growing it while pages are added from every core stalls them all.
        _pages = new(Environment.ProcessorCount, _files.Count, StringComparer.Ordinal);
        _host = baseUrl.Authority;
        _basePath = baseUrl.AbsolutePath.EndsWith('/') ? baseUrl.AbsolutePath : baseUrl.AbsolutePath + "/";
        _root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl.AbsoluteUri : null;
        _displayRoot = displayRoot.TrimEnd('/');
    }

    /// <summary>Time spent parsing pages and checking links, summed over threads: the wall time of each call, not CPU time.</summary>
    public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _inspectTicks));

    /// <summary>
    /// Inspects an HTML file that was produced as bytes (a theme's own page among its assets, say);
    /// rendered pages come as text, through <see cref="Inspect(string, ReadOnlyMemory{char})"/>. Thread-safe.
    /// </summary>
    public void Inspect(string path, byte[] content)
    {
        if (IsPage(path))
        {
            Inspect(path, Encoding.UTF8.GetString(content).AsMemory());
        }
    }

    /// <summary>
    /// Reads one output file if it is HTML and keeps its ids, links and markup problems. Thread-safe.
    /// The text is read during the call only, so the writer may reuse its buffer afterwards.
    /// </summary>
    public void Inspect(string path, ReadOnlyMemory<char> html)
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
        var scanner = new HtmlScanner(html.Span, facts.Problems);
        var open = new OpenElements();
        var links = new List<LinkFact>(64);
        while (scanner.Next())
        {
            var tag = scanner.Name;
            var at = scanner.Position;
            if (scanner.IsEndTag)
            {
                if (open.Count > 0 && open.InnermostName == tag)
                {
                    open.Pop();
                }
                else
                {
                    facts.Problems.Add((scanner.LineAt(at), open.Count == 0
                        ? $"the HTML is not well-formed: </{tag}> closes an element that is not open; remove it"
                        : $"the HTML is not well-formed: </{tag}> closes an element that is not open (the innermost open one is <{open.InnermostName}> from line {scanner.LineAt(open.InnermostPosition)}); close every element the template opens, in order"));
                }

                continue;
            }

            var firstLink = links.Count;
            var rel = ReadOnlyMemory<char>.Empty;
            for (var a = 0; a < scanner.AttributeCount; a++)
            {
                var attribute = scanner.Attribute(a);
                var name = scanner.NameOf(attribute);
                if (name.Length is not (2 or 3 or 4 or 10))
                {
                    // Only id, src, rel, href and xlink:href matter here; most attributes are class or aria-*.
                    continue;
                }

                if (Ascii.EqualsIgnoreCase(name, "id"))
                {
                    var id = ValueOf(html, attribute).ToString();
                    if (id.Length > 0 && !facts.Ids.Add(id))
                    {
                        facts.Problems.Add((scanner.LineAt(at), $"id '{id}' is used more than once on the page; ids must be unique, so give this element another id or none"));
                    }
                }
                else if (Ascii.EqualsIgnoreCase(name, "href") || Ascii.EqualsIgnoreCase(name, "src") || Ascii.EqualsIgnoreCase(name, "xlink:href"))
                {
                    var href = ValueOf(html, attribute);
                    if (href.Length > 0)
                    {
                        links.Add(new LinkFact(at, href, Canonical: false));
                    }
                }
                else if (Ascii.EqualsIgnoreCase(name, "rel"))
                {
                    rel = ValueOf(html, attribute);
                }
            }

            if (tag == "link" && rel.Span is "canonical")
            {
                for (var i = firstLink; i < links.Count; i++)
                {
                    links[i] = links[i] with { Canonical = true };
                }
            }

            if (!scanner.IsSelfClosing && !VoidElements.Contains(tag))
            {
                open.Push(tag, at);
            }
        }

        while (open.Count > 0)
        {
            var (name, position) = (open.InnermostName, open.InnermostPosition);
            facts.Problems.Add((scanner.LineAt(position), $"the HTML is not well-formed: <{name}> is never closed; add </{name}> where it ends"));
            open.Pop();
        }

        // Links are resolved now, and only those whose fragment names another page wait for the
        // end: keeping every page's links until all pages exist would hold tens of megabytes on a large site.
        var plainPage = !path.Contains('%', StringComparison.Ordinal);
        foreach (var link in links)
        {
            if (!Resolve(path, plainPage, link.Href, out var file, out var fragment))
            {
                continue;
            }

            if (!_files.Contains(file))
            {
                var shown = link.Canonical ? $"the canonical address '{link.Href.Span}'" : $"link to '{link.Href.Span}'";
                facts.Problems.Add((scanner.LineAt(link.Position), $"{shown} goes nowhere: the site has no '{file}'{DidYouMean(file)}; link to a page the site has"));
            }
            else if (fragment.Length > 0 && file == path)
            {
                if (MissingFragment(link.Href.Span, path, fragment.Span, facts.Ids) is { } problem)
                {
                    facts.Problems.Add((scanner.LineAt(link.Position), problem));
                }
            }
            else if (fragment.Length > 0)
            {
                facts.Pending.Add((scanner.LineAt(link.Position), link.Href.ToString(), file, fragment.ToString()));
            }
        }

        _pages[path] = facts;
        Interlocked.Add(ref _inspectTicks, Stopwatch.GetElapsedTime(started).Ticks);
    }

    /// <summary>Every problem found, in a stable order; empty when the site may be published.</summary>
    public IReadOnlyList<Diagnostic> Check()
    {
        var started = Stopwatch.GetTimestamp();
        var paths = _pages.Keys.ToArray();
        Array.Sort(paths, StringComparer.Ordinal);
        var problems = new List<Diagnostic>();
        foreach (var path in paths)
        {
            AddProblemsOf(path, _pages[path], problems);
        }

        Interlocked.Add(ref _inspectTicks, Stopwatch.GetElapsedTime(started).Ticks);
        return problems;
    }

    /// <summary>
    /// Checks the links of a page that wait for another page's ids, and adds the page's problems.
    /// One pass on one thread: by now a page has at most a few such links, and most have none.
    /// </summary>
    private void AddProblemsOf(string path, PageFacts facts, List<Diagnostic> problems)
    {
        foreach (var (line, href, file, fragment) in facts.Pending)
        {
            if (_pages.TryGetValue(file, out var target) && MissingFragment(href, file, fragment, target.Ids) is { } problem)
            {
                facts.Problems.Add((line, problem));
            }
        }

        if (facts.Problems.Count == 0)
        {
            return;
        }

        var display = $"{_displayRoot}/{path}";
        foreach (var (line, message) in facts.Problems)
        {
            problems.Add(new Diagnostic(DiagnosticLevel.Error, display, line, message));
        }
    }

    /// <summary>What is wrong with a link to a fragment, or null when the page has that id; the caller knows the line.</summary>
    private static string? MissingFragment(ReadOnlySpan<char> href, string file, ReadOnlySpan<char> fragment, HashSet<string> ids) =>
        ids.GetAlternateLookup<ReadOnlySpan<char>>().Contains(fragment)
            ? null
            : $"link to '{href}' points at '#{fragment}', which '{file}' does not have{MessageText.DidYouMean(fragment.ToString(), ids)}; link to an id the page has";

    /// <summary>Whether a link is more than a relative path: it has a query, a fragment, an escape or a scheme.</summary>
    private static bool IsPlain(ReadOnlySpan<char> href)
    {
        foreach (var c in href)
        {
            if (c is '%' or '#' or '?' or ':')
            {
                return false;
            }
        }

        return true;
    }

    private static readonly HashSet<string> VoidElements = new(StringComparer.Ordinal)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    };

    private static bool IsPage(string path) => path.EndsWith(".html", StringComparison.Ordinal);

    /// <summary>
    /// The output file and fragment a link inside the site leads to; false for links that leave the site.
    /// Most links are "#id" or a plain relative path, and those are resolved without a string until
    /// one is needed; the file of a plain path is the site's own string for it when the site has it.
    /// </summary>
    /// <param name="plainPage">Whether the page's path has no '%', which resolving would unescape.</param>
    private bool Resolve(string page, bool plainPage, ReadOnlyMemory<char> link, out string file, out ReadOnlyMemory<char> fragment)
    {
        var href = link.Span;
        if (plainPage && href[0] != '/' && IsPlain(href))
        {
            var length = page.LastIndexOf('/') + 1 + href.Length + Routes.IndexFile.Length;
            var resolved = length <= 256 ? stackalloc char[length] : new char[length];
            var written = Combine(page, href, resolved);
            if (written == 0 || resolved[written - 1] == '/')
            {
                Routes.IndexFile.CopyTo(resolved[written..]);
                written += Routes.IndexFile.Length;
            }

            file = FileOf(resolved[..written]);
            fragment = ReadOnlyMemory<char>.Empty;
            return true;
        }

        // The canonical address of every page: the site's own address and a plain path.
        if (_root is not null && href.StartsWith(_root, StringComparison.Ordinal) && Routes.IsPlainPath(href[_root.Length..]))
        {
            var sitePath = href[_root.Length..];
            file = sitePath.Length == 0 || sitePath[^1] == '/' ? FileOf(string.Concat(sitePath, Routes.IndexFile)) : FileOf(sitePath);
            fragment = ReadOnlyMemory<char>.Empty;
            return true;
        }

        if (plainPage && href[0] == '#' && !href.Contains('%'))
        {
            file = page;
            fragment = link[1..];
            return true;
        }

        if (Resolve(page, link.ToString()) is not { } target)
        {
            file = "";
            fragment = ReadOnlyMemory<char>.Empty;
            return false;
        }

        file = target.File;
        fragment = target.Fragment.AsMemory();
        return true;
    }

    /// <summary>The site's own string for an output path when it has one, so that pages share it.</summary>
    private string FileOf(ReadOnlySpan<char> path) => _fileLookup.Find(path) ?? path.ToString();

    /// <summary>Any link: with a query, a fragment, escapes, a scheme, or from the root.</summary>
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
        else if (HasScheme(withoutFragment) && Uri.TryCreate(withoutFragment, UriKind.Absolute, out var absolute) && absolute.Scheme is not "file")
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
            sitePath += Routes.IndexFile;
        }

        return (sitePath, fragment);
    }

    /// <summary>
    /// Whether a link may be an absolute URI such as "https://…" or "mailto:…": only a scheme, before
    /// any '/', makes one that can leave the site, and only then is a link worth a Uri, which costs
    /// more than the rest of its check. (A path from the root parses as a file URI on Unix; it is a path.)
    /// </summary>
    private static bool HasScheme(string href)
    {
        var colon = href.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 && href.AsSpan(0, colon).IndexOf('/') < 0;
    }

    /// <summary>
    /// Resolves a relative link against the page's folder by path arithmetic: a site has tens of
    /// links per page and thousands of pages, and two Uri objects per link cost more than the check.
    /// Going above the site's root stays at the root, as a browser does.
    /// </summary>
    internal static string Combine(string page, string relative)
    {
        var length = page.LastIndexOf('/') + 1 + relative.Length;
        var resolved = length <= 256 ? stackalloc char[length] : new char[length];
        return new string(resolved[..Combine(page, relative, resolved)]);
    }

    /// <summary>
    /// Writes the resolved path into <paramref name="resolved"/>, which holds the page's folder and
    /// the link, and returns its length. Up to the last part of the link what is written is a folder,
    /// empty or ending in '/', so ".." drops the last folder of it and "." keeps it.
    /// </summary>
    private static int Combine(ReadOnlySpan<char> page, ReadOnlySpan<char> relative, Span<char> resolved)
    {
        var length = page.LastIndexOf('/') + 1;
        page[..length].CopyTo(resolved);
        while (true)
        {
            var slash = relative.IndexOf('/');
            var part = slash >= 0 ? relative[..slash] : relative;
            if (part is "..")
            {
                if (length > 0)
                {
                    length = resolved[..(length - 1)].LastIndexOf('/') + 1;
                }
            }
            else if (part is not ".")
            {
                part.CopyTo(resolved[length..]);
                length += part.Length;
                if (slash >= 0)
                {
                    resolved[length++] = '/';
                }
            }

            if (slash < 0)
            {
                return length;
            }

            relative = relative[(slash + 1)..];
        }
    }

    /// <summary>
    /// A suggestion for a missing page, computed once per missing page: a broken link in a layout
    /// repeats on every page, and comparing it with every page each time would take minutes on a large site.
    /// </summary>
    private string DidYouMean(string file) =>
        _suggestions.GetOrAdd(file, missing => MessageText.DidYouMean(missing, _files.Where(f => f.EndsWith(".html", StringComparison.Ordinal) && f.Count(c => c == '/') == missing.Count(c => c == '/'))));

    /// <summary>
    /// An attribute's value as a browser reads it: entities decoded, which few values have. Only the
    /// attributes a check reads get here: classes, ARIA and the rest are skipped unread.
    /// </summary>
    private static ReadOnlyMemory<char> ValueOf(ReadOnlyMemory<char> html, HtmlAttribute attribute)
    {
        var value = html.Slice(attribute.ValueStart, attribute.ValueLength);
        return value.Span.Contains('&') ? WebUtility.HtmlDecode(value.ToString()).AsMemory() : value;
    }

    /// <summary>A link found on a page; its address is a slice of the page until it has to be a string.</summary>
    /// <param name="Position">Where the link's tag starts in the page: its line is counted only if the link is reported.</param>
    private readonly record struct LinkFact(int Position, ReadOnlyMemory<char> Href, bool Canonical);

    /// <summary>
    /// The elements open at the scanner's position, innermost last. Plain arrays rather than a stack
    /// of tuples: the tool is compiled ahead of time, and generic collections of value types from
    /// the framework are not, so they would run unoptimized code on every tag.
    /// </summary>
    private sealed class OpenElements
    {
        private string[] _names = new string[32];
        private int[] _positions = new int[32];

        public int Count { get; private set; }

        public string InnermostName => _names[Count - 1];

        public int InnermostPosition => _positions[Count - 1];

        public void Push(string name, int position)
        {
            if (Count == _names.Length)
            {
                Array.Resize(ref _names, Count * 2);
                Array.Resize(ref _positions, Count * 2);
            }

            _names[Count] = name;
            _positions[Count++] = position;
        }

        public void Pop() => Count--;
    }

    /// <summary>
    /// The site's output paths, looked up by a span of a page without making a string. A hash set's
    /// lookup by span is generic framework code that the compiled tool does not hold, so it ran
    /// unoptimized for every link of every page; this is a plain open-addressing table.
    /// </summary>
    private sealed class PathTable
    {
        private readonly string?[] _slots;
        private readonly int _mask;

        public PathTable(IReadOnlyCollection<string> paths)
        {
            var size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(4, paths.Count * 2));
            _slots = new string?[size];
            _mask = size - 1;
            foreach (var path in paths)
            {
                _slots[SlotOf(path)] = path;
            }
        }

        public string? Find(ReadOnlySpan<char> path) => _slots[SlotOf(path)];

        /// <summary>The slot that holds the path, or the empty one where it would go.</summary>
        private int SlotOf(ReadOnlySpan<char> path)
        {
            // FNV-1a: a few multiplications per character, no call.
            var hash = 2166136261;
            foreach (var c in path)
            {
                hash = (hash ^ c) * 16777619;
            }

            var slot = (int)hash & _mask;
            while (_slots[slot] is { } taken && !path.SequenceEqual(taken))
            {
                slot = (slot + 1) & _mask;
            }

            return slot;
        }
    }

    private sealed class PageFacts
    {
        public HashSet<string> Ids { get; } = new(StringComparer.Ordinal);

        /// <summary>Links to a fragment of another page: checked once every page's ids are known.</summary>
        public List<(int Line, string Href, string File, string Fragment)> Pending { get; } = [];


        public List<(int Line, string Message)> Problems { get; } = [];
    }
}
