using System.Runtime.CompilerServices;
using StatusSite.Rendering;
using StatusSite.Tests.Support;

namespace StatusSite.Tests;

/// <summary>A long-running preview rebuilds with each template edit: the templates of the theme as it was are unloaded.</summary>
public sealed class ThemeRendererUnloadTests
{
    [Fact]
    public async Task A_template_edit_unloads_the_templates_of_the_previous_build()
    {
        using var site = TestSite.Create();
        site.Write("incidents/api.md", Postmortems.Incident());
        var chip = File.ReadAllText(Path.Combine(TestSite.ThemeDir, "partials", "chip.cshtml"));

        // The first build may compile every template (RazorLight loads those itself, for good); the
        // second finds all but the edited one in the cache folder, and loads them into its renderer's context.
        site.Write("theme/partials/chip.cshtml", chip + "\n@* the first state *@\n");
        await BuildAsync(site);
        site.Write("theme/partials/chip.cshtml", chip + "\n@* the second state *@\n");
        var previous = await BuildAsync(site);

        site.Write("theme/partials/chip.cshtml", chip + "\n@* the third state *@\n");
        var current = await BuildAsync(site);

        for (var i = 0; previous.IsAlive && i < 50; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(100);
        }

        Assert.False(previous.IsAlive, "the templates of the previous state are still loaded");
        Assert.True(current.IsAlive);
    }

    /// <summary>Builds the site and returns a weak reference to the load context its templates were loaded into.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> BuildAsync(TestSite site)
    {
        await site.BuildOkAsync();
        var renderer = ThemeRenderer.For(new Theme(TestSite.ThemeDir, Path.Combine(site.Input, "theme")), TestSite.CacheDir);
        Assert.NotEmpty(renderer.Templates.Assemblies);
        return new WeakReference(renderer.Templates);
    }
}
