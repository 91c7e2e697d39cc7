using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using RazorLight;
using RazorLight.Caching;
using RazorLight.Internal.Buffering;
using StatusSite.Presentation;
using StatusSite.Rendering;
using StatusSite.Tests.Support;

namespace StatusSite.Tests;

/// <summary>
/// The tool's own render loop (<see cref="ThemeRenderer"/>) against RazorLight's renderer, on every
/// page kind of the sample site with the same model: the bytes must be the same. RazorLight is set up
/// as the tool uses it — the same theme project, the same compiled templates from the cache folder —
/// and its <see cref="TemplateRenderer"/> is given the tool's HTML encoder, which RazorLight's engine
/// would replace by <see cref="HtmlEncoder.Default"/> (that one writes every non-ASCII letter as
/// "&amp;#x…;"); it is the only difference in setup. RazorLight's own include and layout mechanism
/// (IncludeAsync through the engine, RenderBody, sections) renders the partials and layouts.
/// No normalisation of the output is needed.
/// </summary>
public sealed class RazorLightEquivalenceTests
{
    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    public async Task Every_sample_page_renders_the_same_bytes_as_RazorLight_renders(string language)
    {
        using var site = TestSite.FromSample();
        site.Write("site.yml", File.ReadAllText(Path.Combine(site.Input, "site.yml")).Replace("language: en", $"language: {language}", StringComparison.Ordinal));
        var result = await site.BuildOkAsync();
        var model = result.Model!;
        var theme = new Theme(TestSite.ThemeDir, Path.Combine(site.Input, "theme"));
        var strings = Translations.Load(language, lang => theme.ReadText($"i18n/{lang}.yml"));
        var view = new SiteView(model, strings);
        var ours = ThemeRenderer.For(theme, TestSite.CacheDir);
        var engine = new RazorLightEngineBuilder()
            .SetOperatingAssembly(typeof(ThemeRenderer).Assembly)
            .UseProject(new ThemeProject(theme))
            .UseCachingProvider(new FileSystemCachingProvider(theme.ThemeDir, TestSite.CacheDir, new ThemeCachingStrategy(theme)))
            .Build();
        var encoder = new AsciiScanningHtmlEncoder(HtmlEncoder.Create(UnicodeRanges.All));

        // Every page RazorLight renders (a layout, a partial) writes its values with the tool's encoder.
        engine.Options.PreRenderCallbacks.Add(page => ((TemplatePageBase)page).HtmlEncoder = encoder);

        var compared = 0;
        async Task Compare<T>(string template, string path, T data)
        {
            var page = new Page<T>(view, path, path, "A description & more", data, [new AlternateLink("application/atom+xml", "Feed", "feed.atom")]);
            var key = $"layouts/{template}.cshtml";
            var expected = new StringBuilder();
            await ours.RenderAsync(key, page, expected);
            var actual = await RenderWithRazorLightAsync(engine, encoder, key, page);
            Assert.True(expected.ToString() == actual, $"{key} for '{path}' differs from RazorLight's rendering:\n{FirstDifference(expected.ToString(), actual)}");
            compared++;
        }

        await Compare("home", Routes.Home, model);
        foreach (var incident in model.Incidents)
        {
            await Compare("incident", Routes.Of(incident), incident);
        }

        await Compare("history", Routes.History, model.Months);
        for (var i = 0; i < model.Months.Count; i++)
        {
            var month = new MonthPage(model.Months[i], i > 0 ? model.Months[i - 1] : null, i + 1 < model.Months.Count ? model.Months[i + 1] : null);
            await Compare("month", Routes.Of(month.Month), month);
        }

        foreach (var component in model.Components)
        {
            await Compare("component", Routes.Of(component), component);
            for (var i = 0; i < component.Years.Count; i++)
            {
                var year = new ComponentYearPage(component, component.Years[i], i > 0 ? component.Years[i - 1] : null, i + 1 < component.Years.Count ? component.Years[i + 1] : null);
                await Compare("component-year", Routes.Of(component, year.Year), year);
            }
        }

        await Compare("maintenance", Routes.Maintenance, model);
        await Compare("postmortems", Routes.Postmortems, model);
        foreach (var postmortem in model.Postmortems)
        {
            await Compare("postmortem", Routes.Of(postmortem), postmortem);
        }

        await Compare("not-found", Routes.NotFound, model);
        Assert.Equal(result.Pages, compared);
    }

    /// <summary>
    /// A page as RazorLight renders it: what its engine's RenderTemplateAsync does (the same page
    /// context and model), with the tool's encoder given to its <see cref="TemplateRenderer"/>.
    /// </summary>
    private static async Task<string> RenderWithRazorLightAsync<T>(RazorLightEngine engine, HtmlEncoder encoder, string key, T model)
    {
        var page = await engine.CompileTemplateAsync(key);
        using var writer = new StringWriter();
        var context = new PageContext(new System.Dynamic.ExpandoObject()) { ExecutingPageKey = page.Key, Writer = writer };
        context.ModelTypeInfo = new ModelTypeInfo(model!.GetType());
        context.Model = context.ModelTypeInfo.CreateTemplateModel(model);
        page.SetModel(context.Model);
        page.PageContext = context;
        using var scope = new MemoryPoolViewBufferScope();
        await new TemplateRenderer(engine.Handler, encoder, scope).RenderAsync(page);
        return writer.ToString();
    }

    private static string FirstDifference(string expected, string actual)
    {
        var at = 0;
        while (at < expected.Length && at < actual.Length && expected[at] == actual[at])
        {
            at++;
        }

        var from = Math.Max(0, at - 80);
        return $"ours:       …{expected[from..Math.Min(expected.Length, at + 80)]}…\nRazorLight: …{actual[from..Math.Min(actual.Length, at + 80)]}…";
    }
}
