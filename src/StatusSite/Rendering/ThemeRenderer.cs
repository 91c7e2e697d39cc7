using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using RazorLight;
using RazorLight.Caching;

namespace StatusSite.Rendering;

/// <summary>
/// Renders the theme's Razor layouts. One engine per theme, built once; compiled templates persist
/// in <c>cacheDir</c> between runs (a cold compile of the theme costs seconds, a cached one a fraction).
/// </summary>
public sealed class ThemeRenderer
{
    /// <summary>Escapes what HTML needs escaped and leaves every script's letters as they are (no &amp;#x…; bloat).</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static readonly ConcurrentDictionary<string, Lazy<ThemeRenderer>> Engines = new(StringComparer.Ordinal);

    private readonly RazorLightEngine _engine;

    /// <summary>
    /// The renderer for this theme as it is now. Builds in one process share one engine per
    /// theme state, so a template is compiled (and written to the cache folder) once, never by
    /// two engines at the same moment; an edited template makes a new state and a new engine.
    /// </summary>
    public static ThemeRenderer For(Theme theme, string cacheDir)
    {
        var key = Fingerprint(theme) + "\n" + Path.GetFullPath(cacheDir);
        return Engines.GetOrAdd(key, _ => new Lazy<ThemeRenderer>(() => new ThemeRenderer(theme, cacheDir))).Value;
    }

    private static string Fingerprint(Theme theme)
    {
        var text = new StringBuilder();
        foreach (var file in theme.FilesUnder("layouts").Concat(theme.FilesUnder("partials")).Append(ThemeProject.ImportsFile))
        {
            text.Append(file).Append('\0').Append(theme.Resolve(file)).Append('\0').Append(theme.ReadText(file)).Append('\0');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private ThemeRenderer(Theme theme, string cacheDir)
    {
        Theme = theme;
        Directory.CreateDirectory(cacheDir);
        _engine = new RazorLightEngineBuilder()
            .SetOperatingAssembly(typeof(ThemeRenderer).Assembly)
            .UseProject(new ThemeProject(theme))
            .AddPrerenderCallbacks(page => ((TemplatePageBase)page).HtmlEncoder = Encoder)
            .UseCachingProvider(new FileSystemCachingProvider(theme.ThemeDir, Path.GetFullPath(cacheDir), new ThemeCachingStrategy(theme)))
            .Build();
    }

    public Theme Theme { get; }

    /// <summary>Renders a layout such as 'layouts/home.cshtml' with its model.</summary>
    public Task<string> RenderAsync<T>(string template, T model) => _engine.CompileRenderAsync(template, model);
}
