using System.Buffers;
using System.Collections.Concurrent;
using System.Dynamic;
using System.Globalization;
using System.Runtime.Loader;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using RazorLight;
using StatusSite.Presentation;
using RazorLight.Caching;
using RazorLight.Compilation;
using RazorLight.Internal.Buffering;

namespace StatusSite.Rendering;

/// <summary>
/// Renders the theme's Razor layouts. RazorLight compiles each template once and keeps the compiled
/// assembly in <c>cacheDir</c> between runs (a cold compile of the theme costs seconds); a cached one
/// is loaded directly, without building RazorLight's engine. Rendering is our own: RazorLight's renderer looks every partial up in a memory cache,
/// reflects over the model type and dispatches each include through the dynamic binder, which on a
/// 10,000-page site cost more than the templates themselves.
/// A renderer loads the site's compiled templates into a collectible load context of its own, which
/// is unloaded when the renderer is disposed: <see cref="For"/> does so when a template changes, so a
/// long-running preview does not keep every earlier state of the theme.
/// </summary>
public sealed class ThemeRenderer : IDisposable
{
    /// <summary>Escapes what HTML needs escaped and leaves every script's letters as they are (no &amp;#x…; bloat).</summary>
    private static readonly HtmlEncoder Encoder = new AsciiScanningHtmlEncoder(HtmlEncoder.Create(UnicodeRanges.All));

    /// <summary>The renderer of each theme folder (with its overrides) and cache folder, for the theme's state it was made for.</summary>
    private static readonly Dictionary<string, ThemeRenderer> Engines = new(StringComparer.Ordinal);

    private readonly Lazy<RazorLightEngine> _engine;

    private readonly string _cacheDir;

    private readonly ThemeCachingStrategy _caching;

    /// <summary>Compiled templates found in the cache, loaded once each even when pages ask at the same moment.</summary>
    private readonly ConcurrentDictionary<string, Lazy<Type?>> _cached = new(StringComparer.Ordinal);

    /// <summary>Templates being compiled, or compiled, in this process: each one once.</summary>
    private readonly ConcurrentDictionary<string, Lazy<Task<Type>>> _compiled = new(StringComparer.Ordinal);

    /// <summary>Each template's compiled page type, found once: a new page is then one constructor call.</summary>
    private readonly ConcurrentDictionary<string, Type> _pageTypes = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<Type, ModelTypeInfo> _modelTypes = new();

    private readonly string _fingerprint;

    /// <summary>
    /// The renderer for this theme as it is now. Builds in one process share one engine per
    /// theme state, so a template is compiled (and written to the cache folder) once, never by
    /// two engines at the same moment; an edited template makes a new state and a new engine,
    /// and the renderer of the earlier state of the same folders is disposed, its templates unloaded.
    /// </summary>
    public static ThemeRenderer For(Theme theme, string cacheDir)
    {
        var fingerprint = Fingerprint(theme);
        var place = theme.Folders + "\n" + Path.GetFullPath(cacheDir);
        lock (Engines)
        {
            Engines.TryGetValue(place, out var current);
            if (current?._fingerprint == fingerprint)
            {
                return current;
            }

            var renderer = new ThemeRenderer(theme, cacheDir, fingerprint);
            Engines[place] = renderer;
            current?.Dispose();
            return renderer;
        }
    }

    private static string Fingerprint(Theme theme)
    {
        var text = new StringBuilder();
        foreach (var file in theme.Templates.Append(ThemeProject.ImportsFile))
        {
            text.Append(file).Append('\0').Append(theme.Resolve(file)).Append('\0').Append(theme.ReadText(file)).Append('\0');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private ThemeRenderer(Theme theme, string cacheDir, string fingerprint)
    {
        Theme = theme;
        _fingerprint = fingerprint;
        Templates = new AssemblyLoadContext($"theme {fingerprint[..12]}", isCollectible: true);
        Directory.CreateDirectory(cacheDir);
        _cacheDir = Path.GetFullPath(cacheDir);
        _caching = new ThemeCachingStrategy(theme);

        // Built only when a template is not in the cache: the engine brings Roslyn and the Razor
        // language with it, which a build whose templates are all cached never needs.
        _engine = new Lazy<RazorLightEngine>(() => new RazorLightEngineBuilder()
            .SetOperatingAssembly(typeof(ThemeRenderer).Assembly)
            .UseProject(new ThemeProject(theme))
            .UseCachingProvider(new FileSystemCachingProvider(theme.ThemeDir, _cacheDir, _caching))
            .Build());
    }

    public Theme Theme { get; }

    /// <summary>Where the site's compiled templates are loaded; unloaded with the renderer.</summary>
    internal AssemblyLoadContext Templates { get; }

    /// <summary>
    /// Unloads the templates this renderer loaded from the cache folder. The context goes once
    /// nothing refers to its types any more, so a build still rendering with it finishes first; a
    /// template it had not loaded yet can no longer be. Templates RazorLight compiles in this process
    /// are loaded by RazorLight itself, which cannot unload them.
    /// </summary>
    public void Dispose() => Templates.Unload();

    /// <summary>
    /// Renders a layout such as 'layouts/home.cshtml' with its model, and the layouts it names
    /// around it, into <paramref name="text"/>: the writer lends a buffer, so a page is never
    /// copied into a string of its own.
    /// </summary>
    /// <exception cref="ThemeException">A template is missing, names itself as its own layout, or fails while it renders.</exception>
    public async Task RenderAsync<T>(string template, T model, StringBuilder text)
    {
        using var output = new StringWriter(text, CultureInfo.InvariantCulture);
        using var scope = new MemoryPoolViewBufferScope(ViewBufferPages.Instance, ArrayPool<char>.Shared);
        try
        {
            var page = await PageAsync(template).ConfigureAwait(false);
            await RenderAsync(page, Context(page, output, model, new ExpandoObject()), scope).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not (ThemeException or TemplateCompilationException))
        {
            throw Explain(e, template, (model as IPage)?.Path);
        }
    }

    /// <summary>Compiles (or finds in the cache) every layout and partial; returns what does not compile, one line per template.</summary>
    public async Task<IReadOnlyList<string>> CompileAllAsync()
    {
        var failures = new List<string>();
        foreach (var key in Theme.Templates)
        {
            try
            {
                await PageAsync(key).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failures.Add(e is TemplateCompilationException compile ? $"{key}: {string.Join("; ", compile.CompilationErrors)}" : $"{key}: {e.Message}");
            }
        }

        return failures;
    }

    /// <summary>A new instance of a template; all but the first use of each template complete at once.</summary>
    private ValueTask<ITemplatePage> PageAsync(string key) =>
        _pageTypes.TryGetValue(key, out var type) ? new(NewPage(type, key)) : FirstPageAsync(key);

    private static ITemplatePage NewPage(Type type, string key)
    {
        var page = (ITemplatePage)Activator.CreateInstance(type)!;
        page.Key = key;
        return page;
    }

    /// <summary>The first instance of a template: its type is loaded from the cache, or compiled.</summary>
    private async ValueTask<ITemplatePage> FirstPageAsync(string key)
    {
        if (!_pageTypes.TryGetValue(key, out var type))
        {
            if (Theme.Resolve(key) is null)
            {
                throw new MissingTemplateException(key);
            }

            // Not in the cache: the engine compiles the template and writes it to the cache folder,
            // once, however many pages (and the background CompileAllAsync) ask at the same moment;
            // two compilations of one template would write the same cache file at once.
            var found = _cached.GetOrAdd(key, k => new Lazy<Type?>(() => LoadCached(k))).Value
                ?? await _compiled.GetOrAdd(key, k => new Lazy<Task<Type>>(() => CompileAsync(k))).Value.ConfigureAwait(false);
            type = _pageTypes.GetOrAdd(key, found);
        }

        return NewPage(type, key);
    }

    private async Task<Type> CompileAsync(string key) => (await _engine.Value.CompileTemplateAsync(key).ConfigureAwait(false)).GetType();

    /// <summary>The page type of a template the cache folder (or the tool's compiled theme) holds, with its line numbers; null when it must be compiled.</summary>
    private Type? LoadCached(string key)
    {
        var (upToDate, assemblyPath, pdbPath) = _caching.GetCachedFileInfo(key, Theme.Resolve(key)!, _cacheDir);
        if (!upToDate || !File.Exists(pdbPath))
        {
            return null;
        }

        // The tool's own templates are ReadyToRun images, whose native code is used only when they
        // are loaded from their file, into the default context (once per process, whatever the
        // number of renderers); a site's are read into memory, so the cache folder is never held open.
        System.Reflection.Assembly assembly;
        if (ThemeCachingStrategy.IsShipped(assemblyPath))
        {
            assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(assemblyPath);
        }
        else
        {
            using var image = new MemoryStream(File.ReadAllBytes(assemblyPath));
            using var symbols = new MemoryStream(File.ReadAllBytes(pdbPath));
            assembly = Templates.LoadFromStream(image, symbols);
        }

        return assembly.GetCustomAttributes(typeof(RazorLight.Razor.RazorLightTemplateAttribute), inherit: false)
            .OfType<RazorLight.Razor.RazorLightTemplateAttribute>()
            .FirstOrDefault()?.TemplateType;
    }

    /// <param name="viewBag">The page's ViewBag, which its partials share, as in RazorLight.</param>
    private PageContext Context(ITemplatePage page, TextWriter writer, object? model, ExpandoObject viewBag)
    {
        var context = new PageContext(viewBag) { ExecutingPageKey = page.Key, Writer = writer };
        if (model is not null)
        {
            // As RazorLight does: a strongly typed model is passed as it is, an anonymous one as a dynamic object.
            context.ModelTypeInfo = _modelTypes.GetOrAdd(model.GetType(), static t => new ModelTypeInfo(t));
            context.Model = context.ModelTypeInfo.CreateTemplateModel(model);
            page.SetModel(context.Model);
        }

        page.PageContext = context;
        return context;
    }

    // Templates are async methods, but with every template loaded and nothing awaited but other
    // templates they complete at once. So the render steps below finish synchronously when they can
    // and fall back to awaiting only when they cannot: a state machine per partial cost 6 % of a
    // 10,000-page build, in generic framework code that runs unoptimized.

    /// <summary>A page, then each layout around it, innermost first; what it writes goes to the context's writer.</summary>
    private Task RenderAsync(ITemplatePage page, PageContext context, IViewBufferScope scope)
    {
        var body = RenderPageAsync(page, context, scope);
        if (!body.IsCompletedSuccessfully || !string.IsNullOrEmpty(page.Layout))
        {
            return RenderWithLayoutsAsync(page, body, context, scope);
        }

        // Most templates rendered are partials, which have no layout.
        Emit(body.Result, context);
        return Task.CompletedTask;
    }

    private async Task RenderWithLayoutsAsync(ITemplatePage page, ValueTask<ViewBufferTextWriter> rendering, PageContext context, IViewBufferScope scope)
    {
        var body = await rendering.ConfigureAwait(false);
        List<ITemplatePage>? layouts = null;
        for (var previous = page; !string.IsNullOrEmpty(previous.Layout);)
        {
            var layout = await PageAsync(previous.Layout).ConfigureAwait(false);
            layouts ??= new List<ITemplatePage>(1);
            if (layouts.Exists(l => l.Key == layout.Key))
            {
                throw new ThemeException(layout.Key, LineOf(layout.Key, "Layout"), $"layout '{layout.Key}' is used inside itself; a layout must not name itself (directly or through another layout) as its Layout");
            }

            layout.SetModel(context.Model);
            previous.IsLayoutBeingRendered = true;
            layout.PreviousSectionWriters = previous.SectionWriters;
            layout.BodyContent = body.Buffer;
            body = await RenderPageAsync(layout, context, scope).ConfigureAwait(false);
            layouts.Add(layout);
            previous = layout;
        }

        if (layouts is not null)
        {
            foreach (var layout in layouts)
            {
                layout.EnsureRenderedBodyOrSections();
            }
        }

        Emit(body, context);
    }

    /// <summary>Hands a rendered page on: a partial's output joins its including page's buffer; a page's is written out.</summary>
    private static void Emit(ViewBufferTextWriter body, PageContext context)
    {
        if (context.Writer is ViewBufferTextWriter { IsBuffering: true } including)
        {
            // A partial: its output joins the including page's buffer.
            body.Buffer.MoveTo(including.Buffer);
        }
        else
        {
            body.Buffer.WriteTo(context.Writer, Encoder);
        }
    }

    /// <summary>Runs one template into a buffer of its own, with the context's writer and page key set to it meanwhile.</summary>
    private ValueTask<ViewBufferTextWriter> RenderPageAsync(ITemplatePage page, PageContext context, IViewBufferScope scope)
    {
        // A partial writes a few values into its including page: a small buffer page is enough.
        var buffer = new ViewBuffer(scope, page.Key, context.Writer is ViewBufferTextWriter ? ViewBuffer.PartialViewPageSize : ViewBuffer.ViewPageSize);
        var writer = new ViewBufferTextWriter(buffer, context.Writer.Encoding);
        var outerWriter = context.Writer;
        var outerKey = context.ExecutingPageKey;
        context.Writer = writer;
        context.ExecutingPageKey = page.Key;
        Task execution;
        try
        {
            ((TemplatePageBase)page).HtmlEncoder = Encoder;
            page.PageContext = context;
            page.IncludeFunc = (key, model) => IncludeAsync(key, model, context, scope);
            execution = page.ExecuteAsync();
        }
        catch
        {
            (context.Writer, context.ExecutingPageKey) = (outerWriter, outerKey);
            throw;
        }

        if (!execution.IsCompleted)
        {
            return FinishPageAsync(execution, writer, context, outerWriter, outerKey);
        }

        (context.Writer, context.ExecutingPageKey) = (outerWriter, outerKey);
        execution.GetAwaiter().GetResult();
        return new(writer);
    }

    private static async ValueTask<ViewBufferTextWriter> FinishPageAsync(Task execution, ViewBufferTextWriter writer, PageContext context, TextWriter outerWriter, string outerKey)
    {
        try
        {
            await execution.ConfigureAwait(false);
            return writer;
        }
        finally
        {
            (context.Writer, context.ExecutingPageKey) = (outerWriter, outerKey);
        }
    }

    /// <summary>A partial, rendered with its own model into the including page's output.</summary>
    private Task IncludeAsync(string key, object? model, PageContext including, IViewBufferScope scope)
    {
        var loading = PageAsync(key);
        return loading.IsCompletedSuccessfully ? Include(loading.Result, model, including, scope) : IncludeLaterAsync(loading, model, including, scope);
    }

    private async Task IncludeLaterAsync(ValueTask<ITemplatePage> loading, object? model, PageContext including, IViewBufferScope scope) =>
        await Include(await loading.ConfigureAwait(false), model, including, scope).ConfigureAwait(false);

    // ViewBag is typed dynamic: cast through object, or the cast alone loads the C# runtime binder.
    private Task Include(ITemplatePage page, object? model, PageContext including, IViewBufferScope scope) =>
        RenderAsync(page, Context(page, including.Writer, model, (ExpandoObject)(object)including.ViewBag), scope);

    /// <summary>
    /// Names the template and line a rendering failure comes from: compiled templates carry their
    /// source lines, so the innermost frame in a theme file is where the theme author should look.
    /// </summary>
    private ThemeException Explain(Exception e, string template, string? page)
    {
        var at = new System.Diagnostics.StackTrace(e, fNeedFileInfo: true).GetFrames()
            .FirstOrDefault(f => f.GetFileName() is { } file && file.EndsWith(".cshtml", StringComparison.Ordinal) && Theme.Resolve(file) is not null);
        var file = at?.GetFileName() ?? template;
        var line = at?.GetFileLineNumber() ?? 0;
        var where = page is null ? "" : $" while rendering '{page}'";
        return e is MissingTemplateException missing
            ? new ThemeException(file, line, $"{missing.Message}{where}; add it to theme/ (or input/theme/), or use one of the theme's partials: {string.Join(", ", Theme.FilesUnder("partials"))}", e)
            : new ThemeException(file, line, $"the template failed{where}: {e.GetType().Name}: {e.Message}; fix the template (or remove its override in input/theme/)", e);
    }

    /// <summary>The theme file (an override when the site has one) and line of a template's first compile error; null when the compiler names none.</summary>
    public (string Path, int Line)? LocationOf(TemplateCompilationException e)
    {
        // RazorLight lists only errors, each at its place in the .cshtml source when the compiler can map it there.
        var at = e.CompilationDiagnostics
            .Select(d => d.LineSpan)
            .FirstOrDefault(span => span is { IsValid: true } valid && Theme.Resolve(valid.Path) is not null);
        return at is { } span ? (Theme.Resolve(span.Path)!, span.StartLinePosition.Line + 1) : null;
    }

    private sealed class MissingTemplateException(string key) : Exception($"the theme has no template '{key}'");

    /// <summary>The first line of a template that mentions <paramref name="text"/>, or 0.</summary>
    private int LineOf(string key, string text)
    {
        var lines = (Theme.ReadText(key) ?? "").Split('\n');
        var index = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        return index + 1;
    }
}

/// <summary>A theme template that cannot be rendered: which template (its path in the theme), the line, and what to do.</summary>
public sealed class ThemeException(string template, int line, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Template { get; } = template;

    public int Line { get; } = line;
}
