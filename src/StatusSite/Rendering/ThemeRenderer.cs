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

    private readonly RazorLightEngine _engine;

    public ThemeRenderer(Theme theme, string cacheDir)
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
