using System.Diagnostics;
using RazorLight.Compilation;
using StatusSite.Analysis;
using StatusSite.Core;
using StatusSite.Model;
using StatusSite.Outputs;
using StatusSite.Presentation;
using StatusSite.Publishing;
using StatusSite.Reading;
using StatusSite.Rendering;

namespace StatusSite;

/// <summary>Where a build reads, writes and caches, and the clock it runs at.</summary>
/// <param name="DisplayRoot">How messages name the input folder; defaults to its path relative to the working folder.</param>
/// <param name="SiteTheme">Use the site's overrides in input/theme/; false ignores that folder, for content whose code must not run.</param>
/// <param name="Tickets">Reads the linked tickets' states while the site is analysed; null (no credentials) reads nothing and costs nothing.</param>
public sealed record BuildOptions(
    string InputDir,
    string OutputDir,
    string ThemeDir,
    string CacheDir,
    DateTimeOffset Now,
    string? DisplayRoot = null,
    int MaxParallelism = 0,
    bool SiteTheme = true,
    Integrations.Tickets.TicketStateReader? Tickets = null);

/// <summary>Milliseconds spent in each stage of the pipeline.</summary>
/// <param name="CheckMs">Of the render and write time, the time the HTML and link check took, summed over threads (wall time of each call, so a busy machine inflates it).</param>
public sealed record BuildTimings(long ReadMs, long AnalyzeMs, long RenderAndWriteMs, long TotalMs, long CheckMs = 0);

/// <summary>The outcome of a build: diagnostics always; counts and timings when it wrote the site.</summary>
public sealed record BuildResult(IReadOnlyList<Diagnostic> Diagnostics, SiteModel? Model, int Pages, int Files, long Bytes, BuildTimings Timings)
{
    public bool Succeeded => Model is not null && !Diagnostics.Any(d => d.Level == DiagnosticLevel.Error);
}

/// <summary>Runs the pipeline: read → analyse → plan → render and write (all or nothing).</summary>
public static class SiteBuilder
{
    /// <summary>
    /// Reads and analyses the content without writing anything: what <c>build</c> validates, at the given
    /// clock, including the site language's strings when <paramref name="themeDir"/> is given.
    /// </summary>
    /// <param name="lintDrafts">Also lint draft postmortems, as <c>check</c> does.</param>
    /// <param name="processRules">
    /// Also run the incident process rules, as <c>check</c> does: on every incident that could be read,
    /// whatever else is wrong, so an error in one file never hides a late update in another.
    /// </param>
    /// <param name="siteTheme">Read the language file from input/theme/ too; false ignores that folder.</param>
    public static (SiteModel? Model, DiagnosticBag Diagnostics) Analyze(
        string inputDir, DateTimeOffset now, string? displayRoot = null, bool lintDrafts = false, string? themeDir = null, bool processRules = false, bool siteTheme = true)
    {
        var read = ContentReader.Read(inputDir, displayRoot);
        var diagnostics = read.Diagnostics;
        if (read.Content is not { } content)
        {
            if (processRules && read.Readable is { } readable)
            {
                // The analysis of part of the content reports what the missing files explain; only the rules' warnings are news.
                ProcessRules.Run(SiteAnalyzer.Analyze(readable, now, new DiagnosticBag()), diagnostics);
            }

            return (null, diagnostics);
        }

        var model = SiteAnalyzer.Analyze(content, now, diagnostics, lintDrafts);
        if (processRules)
        {
            ProcessRules.Run(model, diagnostics);
        }

        if (themeDir is not null)
        {
            LoadStrings(ThemeOf(themeDir, inputDir, siteTheme), model.Settings.Language, SiteYml(inputDir, displayRoot), Relative(themeDir), diagnostics);
        }

        return (diagnostics.HasErrors ? null : model, diagnostics);
    }

    /// <summary>The site language's strings from the theme (with the site's overrides unless <paramref name="siteTheme"/> is false), for the outputs built outside a build.</summary>
    public static Translations? Strings(string inputDir, string themeDir, SiteModel model, DiagnosticBag diagnostics, bool siteTheme = true) =>
        LoadStrings(ThemeOf(themeDir, inputDir, siteTheme), model.Settings.Language, SiteYml(inputDir, null), Relative(themeDir), diagnostics);

    /// <summary>The theme with the site's overrides from input/theme/, or without them.</summary>
    private static Theme ThemeOf(string themeDir, string inputDir, bool siteTheme) =>
        new(themeDir, siteTheme ? Path.Combine(inputDir, "theme") : null);

    /// <exception cref="OutputRefusedException">The output folder is not one the build may replace; nothing was written.</exception>
    public static async Task<BuildResult> BuildAsync(BuildOptions options)
    {
        var total = Stopwatch.StartNew();
        OutputFolder.Claim(options.OutputDir, options.InputDir, options.ThemeDir);
        var theme = ThemeOf(options.ThemeDir, options.InputDir, options.SiteTheme);

        // The templates are compiled (or loaded from the cache) while the content is read and analysed,
        // which leaves a core idle for part of the time; a cold compile is seconds of work. What does
        // not compile is left for the page that uses it to report, with its line: a broken template
        // that no page uses must not fail the build.
        var renderer = ThemeRenderer.For(theme, options.CacheDir);
        _ = Task.Run(renderer.CompileAllAsync);
        var (content, diagnostics) = ContentReader.Read(options.InputDir, options.DisplayRoot);
        var readMs = total.ElapsedMilliseconds;
        if (content is null)
        {
            return Failed(diagnostics, readMs, 0, total);
        }

        var stage = Stopwatch.StartNew();
        var tickets = options.Tickets?.ReadAsync(content.Settings, content.Postmortems);

        // The language file is read while the model is analysed: neither needs the other.
        var loading = Task.Run(() => LoadStrings(theme, content.Settings.Language, SiteYml(options.InputDir, options.DisplayRoot), Relative(options.ThemeDir), diagnostics));
        var model = SiteAnalyzer.Analyze(content, options.Now, diagnostics);
        var strings = await loading.ConfigureAwait(false);
        var analyzeMs = stage.ElapsedMilliseconds;
        if (diagnostics.HasErrors || strings is null)
        {
            return Failed(diagnostics, readMs, analyzeMs, total);
        }

        stage.Restart();
        var files = OutputPlan.Create(model, strings, renderer, tickets is null ? TicketStates.None : await tickets.ConfigureAwait(false));
        var checker = new HtmlChecker(files.Select(f => f.Path), model.Settings.BaseUrl, Relative(options.OutputDir));
        WriteResult written;
        try
        {
            var parallelism = options.MaxParallelism > 0 ? options.MaxParallelism : Environment.ProcessorCount;
            written = await SitePublisher.WriteAsync(options.OutputDir, files, parallelism, checker).ConfigureAwait(false);
        }
        catch (TemplateCompilationException e)
        {
            var (path, line) = renderer.LocationOf(e) ?? (options.ThemeDir, 0);
            diagnostics.Error(Relative(path), line, $"a theme template does not compile: {string.Join("; ", e.CompilationErrors)}; fix the template (or remove its override in input/theme/)");
            return Failed(diagnostics, readMs, analyzeMs, total);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The previous output is still in place: the writer only swaps a complete staging folder in.
            diagnostics.Error(Relative(options.OutputDir), 0, $"the site cannot be written here ({e.Message}); --output must name a folder (or a path for a new one) that you can write to");
            return Failed(diagnostics, readMs, analyzeMs, total);
        }
        catch (ThemeException e)
        {
            diagnostics.Error(Relative(theme.Resolve(e.Template) ?? Path.Combine(options.ThemeDir, e.Template)), e.Line, e.Message);
            return Failed(diagnostics, readMs, analyzeMs, total);
        }

        if (!written.Published)
        {
            foreach (var problem in written.Problems!)
            {
                diagnostics.Add(problem);
            }

            return Failed(diagnostics, readMs, analyzeMs, total);
        }

        var pages = files.Count(f => f.Path.EndsWith(".html", StringComparison.Ordinal));
        var timings = new BuildTimings(readMs, analyzeMs, stage.ElapsedMilliseconds, total.ElapsedMilliseconds, (long)checker.Elapsed.TotalMilliseconds);
        return new BuildResult(diagnostics.Sorted(), model, pages, written.Files, written.Bytes, timings);
    }

    private static Translations? LoadStrings(Theme theme, string language, string siteYml, string themeDisplay, DiagnosticBag diagnostics)
    {
        var reading = language;
        try
        {
            var strings = Translations.Load(language, lang => theme.ReadText($"i18n/{reading = lang}.yml"));
            foreach (var warning in TranslationChecker.Warnings(theme, strings))
            {
                diagnostics.Add(warning);
            }

            return strings;
        }
        catch (FileNotFoundException)
        {
            var files = string.Join(" or ", Translations.Chain(language).Select(name => $"theme/i18n/{name}.yml"));
            diagnostics.Error(siteYml, 0, $"language '{language}' has no translation ({files}); use one the theme ships, such as 'en', or add the file in input/theme/i18n/");
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            diagnostics.Error($"{themeDisplay}/i18n/{reading}.yml", (int)e.Start.Line, $"the translation file is not valid YAML ({e.Message}); fix its indentation or quoting");
        }

        return null;
    }

    private static string SiteYml(string inputDir, string? displayRoot) =>
        (displayRoot ?? Relative(inputDir)).Replace('\\', '/') + "/site.yml";

    /// <summary>A folder as the user named it, relative to the working folder ("_site", "theme"), for messages.</summary>
    private static string Relative(string folder) =>
        Path.GetRelativePath(Environment.CurrentDirectory, folder).Replace('\\', '/');

    private static BuildResult Failed(DiagnosticBag diagnostics, long readMs, long analyzeMs, Stopwatch total) =>
        new(diagnostics.Sorted(), null, 0, 0, 0, new BuildTimings(readMs, analyzeMs, 0, total.ElapsedMilliseconds));
}
