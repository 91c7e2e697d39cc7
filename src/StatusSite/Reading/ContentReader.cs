using System.IO.Enumeration;
using System.Text;
using System.Text.RegularExpressions;
using StatusSite.Core;
using StatusSite.Model;

namespace StatusSite.Reading;

/// <summary>The result of reading input/: the content when it parsed, and every diagnostic found.</summary>
public sealed record ContentReadResult(SiteContent? Content, DiagnosticBag Diagnostics)
{
    /// <summary>
    /// Every file that could be read, even when others could not (the first file of each id): what
    /// <c>check</c>'s process rules run on, so a typo in one file never hides a late update in another.
    /// Null when site.yml cannot be read. Never published.
    /// </summary>
    public SiteContent? Readable { get; init; }
}

/// <summary>
/// Reads input/ into <see cref="SiteContent"/>. It parses and checks the format of each file;
/// it never guesses: anything it cannot read for certain becomes a diagnostic with the fix.
/// </summary>
public sealed partial class ContentReader
{
    /// <summary>The name a file is known by in messages, such as 'input/incidents/x.md'.</summary>
    private readonly string _displayRoot;
    private readonly string _inputDir;
    private readonly DiagnosticBag _diagnostics = new();

    /// <summary>Symbolic links that lead outside input/: reported, never read.</summary>
    private readonly HashSet<string> _refused = new(StringComparer.Ordinal);

    private ContentReader(string inputDir, string displayRoot)
    {
        _inputDir = Path.GetFullPath(inputDir);
        _displayRoot = displayRoot.Replace('\\', '/').TrimEnd('/');
    }

    /// <param name="inputDir">The content folder.</param>
    /// <param name="displayRoot">How messages name that folder; defaults to its path relative to the working folder.</param>
    public static ContentReadResult Read(string inputDir, string? displayRoot = null)
    {
        displayRoot ??= Path.GetRelativePath(Environment.CurrentDirectory, inputDir);
        var reader = new ContentReader(inputDir, displayRoot);
        var readable = reader.ReadAll();
        return new ContentReadResult(reader._diagnostics.HasErrors ? null : readable, reader._diagnostics) { Readable = readable };
    }

    private string Display(string fullPath) =>
        _displayRoot.Length == 0 || _displayRoot == "."
            ? Path.GetRelativePath(_inputDir, fullPath).Replace('\\', '/')
            : _displayRoot + "/" + Path.GetRelativePath(_inputDir, fullPath).Replace('\\', '/');

    private SiteContent? ReadAll()
    {
        if (!Directory.Exists(_inputDir))
        {
            _diagnostics.Error(_displayRoot, 0, "the input folder does not exist; create it with a site.yml, or pass --input <folder>");
            return null;
        }

        RefuseLinksOutside();
        var brandFiles = new BrandReader(_inputDir, _displayRoot, Display, _refused.Contains, _diagnostics);
        var settings = new SiteSettingsReader(_diagnostics, brandFiles).Read(Path.Combine(_inputDir, "site.yml"), Display(Path.Combine(_inputDir, "site.yml")));
        var catalogue = settings?.Components.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var incidents = ReadFolder("incidents", (display, file, diagnostics) => IncidentReader.Read(display, file, catalogue, diagnostics));
        var maintenances = ReadFolder("maintenance", (display, file, diagnostics) => MaintenanceReader.Read(display, file, catalogue, diagnostics));
        var postmortems = ReadFolder("postmortems", (display, file, diagnostics) => PostmortemReader.Read(display, file, diagnostics), keepDocuments: true);
        CheckUniqueIds(incidents, i => i.Id, i => i.SourcePath, "incident");
        CheckUniqueIds(maintenances, m => m.Id, m => m.SourcePath, "maintenance");
        CheckUniqueIds(postmortems, p => p.Id, p => p.SourcePath, "postmortem");
        var metrics = settings is null ? [] : ReadMetrics(settings.Metrics);
        return settings is null
            ? null
            : new SiteContent(settings, [.. incidents.DistinctBy(i => i.Id)], [.. maintenances.DistinctBy(m => m.Id)]) { Postmortems = [.. postmortems.DistinctBy(p => p.Id)], Metrics = metrics };
    }

    /// <summary>Reads input/metrics/*.json, the series 'metrics pull' wrote, in ordinal file order.</summary>
    private List<MetricData> ReadMetrics(IReadOnlyList<MetricDefinition> definitions)
    {
        var folder = Path.Combine(_inputDir, "metrics");
        var metrics = new List<MetricData>();
        if (!Directory.Exists(folder) || _refused.Contains(folder))
        {
            return metrics;
        }

        string[] files;
        try
        {
            files = [.. Directory.EnumerateFiles(folder, "*.json").Where(f => !_refused.Contains(f)).Order(StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _diagnostics.Error(Display(folder), 0, $"this folder cannot be read ({e.Message}); check its permissions");
            return metrics;
        }

        foreach (var file in files)
        {
            var display = Display(file);
            if (ReadText(file, display) is { } text
                && ContentLimits.CheckControlCharacters(display, text, _diagnostics)
                && MetricsFileReader.Read(display, text, Path.GetFileNameWithoutExtension(file), definitions, _diagnostics) is { } data)
            {
                metrics.Add(data);
            }
        }

        return metrics;
    }

    private void CheckUniqueIds<T>(IReadOnlyList<T> items, Func<T, string> id, Func<T, string> path, string kind)
    {
        foreach (var group in items.GroupBy(id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var paths = group.Select(path).Order(StringComparer.Ordinal).ToList();
            foreach (var duplicate in paths.Skip(1))
            {
                _diagnostics.Error(duplicate, 1, $"{kind} id '{group.Key}' is already used by {paths[0]}; ids are file names and must be unique, so rename one of the files");
            }
        }
    }

    /// <summary>Reads every .md file under input/&lt;folder&gt;, in parallel, in a stable (ordinal path) order.</summary>
    /// <param name="parse">Reads one file (its display name, its text) into a bag of its own, so a file's reader sees only its own errors.</param>
    /// <param name="keepDocuments">Keep each file's Markdig tree for the analysis (postmortems: few, and walked twice).</param>
    private IReadOnlyList<T> ReadFolder<T>(string folder, Func<string, MarkdownFile, DiagnosticBag, T?> parse, bool keepDocuments = false)
        where T : class
    {
        var root = Path.Combine(_inputDir, folder);
        var files = new List<string>();
        CollectMarkdown(root, files, new HashSet<string>(StringComparer.Ordinal));
        files.Sort(StringComparer.Ordinal);

        // Each file's result goes to its own slot, so the order is the sorted one however the threads interleave.
        var items = new T?[files.Count];
        Parallel.For(0, files.Count, i =>
        {
            var display = Display(files[i]);
            var text = ReadText(files[i], display);
            if (text is not null)
            {
                var found = new DiagnosticBag();
                if (ContentLimits.CheckControlCharacters(display, text, found) && ContentLimits.CheckMarkdownNesting(display, text, found))
                {
                    items[i] = parse(display, MarkdownFile.Parse(text, keepDocuments), found);
                }

                _diagnostics.AddRange(found);
            }
        });
        return [.. items.OfType<T>()];
    }

    /// <summary>
    /// Refuses every symbolic link under input/ (the theme's overrides included) that leads outside it: a build
    /// reads and publishes what a link points to, so a link to a file elsewhere on the machine would put that file
    /// on the site. A refused link is not read.
    /// </summary>
    private void RefuseLinksOutside()
    {
        string[] roots = [_inputDir, new DirectoryInfo(_inputDir).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? _inputDir];

        // The listing knows which entries are links without a stat per file, but only to skip them; asking each
        // entry (its Attributes) costs a stat per file, four times the time of listing twice on 10,000 files.
        // So the links are what a listing that keeps them has more than one that skips them.
        IEnumerable<string> List(FileAttributes skip) =>
            new FileSystemEnumerable<string>(_inputDir, (ref FileSystemEntry entry) => entry.ToFullPath(), new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = skip })
            {
                // A folder link is not entered: where it leads is what counts, and a folder inside input/ is checked where it is.
                ShouldRecursePredicate = (ref FileSystemEntry entry) => !entry.Attributes.HasFlag(FileAttributes.ReparsePoint),
            };

        var plain = List(FileAttributes.ReparsePoint).ToHashSet(StringComparer.Ordinal);
        foreach (var link in List(0).Where(path => !plain.Contains(path)).Order(StringComparer.Ordinal))
        {
            string target;
            try
            {
                target = File.ResolveLinkTarget(link, returnFinalTarget: true)?.FullName ?? link;
            }
            catch (IOException)
            {
                continue; // A loop of links leads nowhere; reading it reports it.
            }

            if (!roots.Any(root => target == root || target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            {
                _refused.Add(link);
                _diagnostics.Error(Display(link), 1, $"this is a symbolic link to '{target}', outside {_displayRoot}/; a build would publish what it points to, so copy the file into {_displayRoot}/ instead of linking to it (or remove the link)");
            }
        }
    }

    private void CollectMarkdown(string folder, List<string> files, HashSet<string> visited)
    {
        if (!Directory.Exists(folder) || _refused.Contains(folder))
        {
            return;
        }

        // Following a folder link only once by its resolved path keeps a link loop from recursing forever.
        var resolved = new DirectoryInfo(folder).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(folder);
        if (!visited.Add(resolved))
        {
            _diagnostics.Warning(Display(folder), 0, "this folder link leads back to a folder already read; it is skipped (remove the link)");
            return;
        }

        try
        {
            // Enumerating folders and files apart tells them apart from the directory listing, without a stat per file.
            foreach (var entry in Directory.EnumerateDirectories(folder))
            {
                CollectMarkdown(entry, files, visited);
            }

            files.AddRange(Directory.EnumerateFiles(folder).Where(entry => entry.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && !_refused.Contains(entry)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _diagnostics.Error(Display(folder), 0, $"this folder cannot be read ({e.Message}); check its permissions");
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The largest content file read: far beyond any real update, small enough that a pasted log cannot stall a build.</summary>
    internal const int MaxFileBytes = 1024 * 1024;

    /// <summary>The longest title: it must fit a page heading, a feed entry and a notification.</summary>
    internal const int MaxTitleLength = 200;

    /// <summary>Reads a file as UTF-8 (a BOM is allowed); null, with a diagnostic, when it cannot.</summary>
    internal string? ReadText(string path, string display)
    {
        byte[] bytes;
        try
        {
            // One open, and the size from the open file rather than a stat by path first.
            using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var size = RandomAccess.GetLength(file);
            if (size > MaxFileBytes)
            {
                ReportTooLarge(display, size);
                return null;
            }

            bytes = new byte[size];
            for (var read = 0; read < size;)
            {
                var count = RandomAccess.Read(file, bytes.AsSpan(read), read);
                if (count == 0)
                {
                    throw new EndOfStreamException();
                }

                read += count;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file too large is reported as such even when it cannot be opened.
            if (SizeOf(path) is > MaxFileBytes and var size)
            {
                ReportTooLarge(display, size);
            }
            else
            {
                _diagnostics.Error(display, 0, $"this file cannot be read ({e.Message}); check that it exists and that its permissions allow reading");
            }

            return null;
        }

        try
        {
            var span = bytes.AsSpan();
            if (span.StartsWith(Encoding.UTF8.Preamble))
            {
                span = span[3..];
            }

            return StrictUtf8.GetString(span);
        }
        catch (DecoderFallbackException)
        {
            _diagnostics.Error(display, LineOfInvalidByte(bytes), "this file is not UTF-8 text (it may be Latin-1 or Windows-1252); save it as UTF-8");
            return null;
        }
    }

    private void ReportTooLarge(string display, long size) =>
        _diagnostics.Error(display, 0, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"this file is {size / (1024.0 * 1024.0):0.0} MB, more than the 1 MB a content file may hold; keep updates short and link to long material (logs, reports) instead"));

    private static long? SizeOf(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static int LineOfInvalidByte(byte[] bytes)
    {
        var decoder = StrictUtf8.GetDecoder();
        var line = 1;
        var chars = new char[4];
        for (var i = 0; i < bytes.Length; i++)
        {
            try
            {
                decoder.GetChars(bytes, i, 1, chars, 0, flush: false);
            }
            catch (DecoderFallbackException)
            {
                return line;
            }

            if (bytes[i] == (byte)'\n')
            {
                line++;
            }
        }

        return line;
    }

    /// <summary>The id of a content file: its file name without '.md'.</summary>
    internal static string IdOf(string display) => Path.GetFileNameWithoutExtension(display);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    internal static partial Regex IdPattern();

    /// <summary>Checks the file has front matter and binds it onto <typeparamref name="T"/>.</summary>
    internal static T? ReadFrontMatter<T>(string display, MarkdownFile file, DiagnosticBag diagnostics)
        where T : YamlDto, new()
    {
        if (file.FrontMatter is null)
        {
            var text = string.Join('\n', file.Lines).Trim();
            diagnostics.Error(display, 1, text.Length == 0
                ? "this file is empty; start it with front matter: a line '---', keys such as 'title: …', and a closing '---'"
                : text.StartsWith("---", StringComparison.Ordinal)
                    ? "the front matter that starts on line 1 is never closed; add a line '---' after its last key"
                    : "this file has no front matter; start it with a line '---', keys such as 'title: …', and a closing '---'");
            return null;
        }

        var id = IdOf(display);
        if (!IdPattern().IsMatch(id))
        {
            diagnostics.Error(display, 1, $"the file name '{id}' is not a usable id (it is the page's address); use lower-case letters, digits and '-', such as '2026-11-26-api-errors.md'");
        }

        return new YamlBinder(display, file.FrontMatterFirstLine - 1, diagnostics).Parse<T>(file.FrontMatter, file.FrontMatterFirstLine);
    }

    /// <summary>Refuses a title too long to show; true when it is usable.</summary>
    internal static bool CheckTitle(string display, string? title, int line, DiagnosticBag diagnostics)
    {
        if (title is null || title.Length <= MaxTitleLength)
        {
            return true;
        }

        diagnostics.Error(display, line, $"the title is {title.Length} characters long; keep it to at most {MaxTitleLength} so it fits the page, feeds and notifications, and put the details in the first update");
        return false;
    }

    /// <summary>
    /// Reads the front matter of a file that may be a draft. A draft is read with its own diagnostics
    /// and dropped (null, nothing reported): work in progress never blocks a publish.
    /// </summary>
    internal static T? ReadUnlessDraft<T>(string display, MarkdownFile file, DiagnosticBag diagnostics)
        where T : YamlDto, IDraftable, new()
    {
        var local = new DiagnosticBag();
        var dto = ReadFrontMatter<T>(display, file, local);
        if (dto?.Draft == true)
        {
            return null;
        }

        diagnostics.AddRange(local);
        return dto;
    }

    /// <summary>Resolves front-matter component entries against the catalogue.</summary>
    internal static List<ComponentChange> ComponentsOf<TValue>(
        string display, YamlMap<TValue>? map, IReadOnlySet<string>? catalogue, DiagnosticBag diagnostics, Func<TValue, ComponentStatus> status)
    {
        var changes = new List<ComponentChange>();
        foreach (var entry in map?.Entries ?? [])
        {
            if (CheckComponent(display, entry.Line, entry.Key, catalogue, diagnostics))
            {
                changes.Add(new ComponentChange(entry.Key, status(entry.Value)));
            }
        }

        return changes;
    }

    internal static bool CheckComponent(string display, int line, string id, IReadOnlySet<string>? catalogue, DiagnosticBag diagnostics)
    {
        if (catalogue is null || catalogue.Contains(id))
        {
            return true;
        }

        diagnostics.Error(display, line, $"unknown component '{id}'{MessageText.DidYouMean(id, catalogue)}; use an id from the components in site.yml");
        return false;
    }
}
