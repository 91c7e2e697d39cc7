using StatusSite.Core;
using StatusSite.Tests.Support;

namespace StatusSite.Tests;

/// <summary>
/// A broken theme override is bad input like any other: the build names the template file and
/// line, says what to do, and leaves the published site as it was.
/// </summary>
public sealed class ThemeErrorTests
{
    private static async Task<Diagnostic> FailingBuild(string notFoundLayout)
    {
        using var site = TestSite.Create();
        await site.BuildOkAsync();
        var before = TestSite.Snapshot(site.Output);

        site.Write("theme/layouts/not-found.cshtml", notFoundLayout);
        var result = await site.BuildAsync();

        Assert.False(result.Succeeded);
        Assert.Equal(before, TestSite.Snapshot(site.Output));
        var error = Assert.Single(result.Diagnostics, d => d.Level == DiagnosticLevel.Error);
        Assert.EndsWith("input/theme/layouts/not-found.cshtml", error.Path, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public async Task Including_a_partial_the_theme_lacks_names_the_line_and_the_partials_there_are()
    {
        var error = await FailingBuild("""
            @model Page<SiteModel>
            @{ Layout = "layouts/_layout.cshtml"; }
            <h1>Lost</h1>
            @{ await IncludeAsync("partials/nope.cshtml", Model); }
            """);

        Assert.Equal(4, error.Line);
        Assert.StartsWith("the theme has no template 'partials/nope.cshtml' while rendering '404.html'; add it to theme/ (or input/theme/), or use one of the theme's partials: partials/chip.cshtml,", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_layout_that_wraps_itself_is_refused_at_its_layout_line()
    {
        var error = await FailingBuild("""
            @model Page<SiteModel>
            @{ Layout = "layouts/not-found.cshtml"; }
            <h1>Lost</h1>
            """);

        Assert.Equal(2, error.Line);
        Assert.Contains("layout 'layouts/not-found.cshtml' is used inside itself", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_template_that_throws_is_reported_at_its_line_with_the_page_it_was_rendering()
    {
        var error = await FailingBuild("""
            @model Page<SiteModel>
            @{ Layout = "layouts/_layout.cshtml"; }
            <h1>Lost</h1>
            <p>@(Model.Data.Postmortems[99].Title)</p>
            """);

        Assert.Equal(4, error.Line);
        Assert.StartsWith("the template failed while rendering '404.html': ArgumentOutOfRangeException:", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("; fix the template (or remove its override in input/theme/)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_template_that_does_not_compile_fails_the_build_at_the_overrides_line()
    {
        using var site = TestSite.Create();
        site.Write("theme/layouts/not-found.cshtml", "@model Page<SiteModel>\n<h1>@Model.Nope</h1>\n");

        var result = await site.BuildAsync();

        var error = Assert.Single(result.Diagnostics, d => d.Level == DiagnosticLevel.Error);
        Assert.EndsWith("input/theme/layouts/not-found.cshtml", error.Path, StringComparison.Ordinal);
        Assert.Equal(2, error.Line);
        Assert.Contains("a theme template does not compile", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Nope'", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(site.Output));
    }
}
