using System.Net;
using StatusSite.Cli;
using StatusSite.Core;
using StatusSite.Tests.Support;

namespace StatusSite.Tests;

/// <summary>
/// input/theme/ is C# that runs during the build: --no-site-theme ignores it for content that is not
/// trusted, and no symbolic link under input/ may lead outside it.
/// </summary>
public sealed class SiteThemeTrustTests
{
    private const string Marker = "<p>the site's override ran</p>";

    /// <summary>A site whose override of the 404 layout adds <see cref="Marker"/> to the page.</summary>
    private static TestSite WithOverride()
    {
        var site = TestSite.Create();
        var layout = File.ReadAllText(Path.Combine(TestSite.ThemeDir, "layouts", "not-found.cshtml"));
        site.Write("theme/layouts/not-found.cshtml", layout.Replace("<h1>", Marker + "\n<h1>", StringComparison.Ordinal));
        return site;
    }

    [Fact]
    public void Build_runs_the_sites_override_but_not_with_no_site_theme()
    {
        using var site = WithOverride();

        Assert.Equal(0, CliRunner.Run(CliRunner.BuildArgs(site)).ExitCode);
        Assert.Contains(Marker, site.ReadOutput("404.html"), StringComparison.Ordinal);

        var run = CliRunner.Run([.. CliRunner.BuildArgs(site), "--no-site-theme"]);

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain(Marker, site.ReadOutput("404.html"), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_with_no_site_theme_ignores_the_sites_language_files()
    {
        using var site = TestSite.Create();
        site.Write("theme/i18n/en.yml", "status: [unclosed\n");

        Assert.Equal(1, CliRunner.Run("check", "--input", site.Input, "--theme", TestSite.ThemeDir).ExitCode);
        var run = CliRunner.Run("check", "--input", site.Input, "--theme", TestSite.ThemeDir, "--no-site-theme");

        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task Serve_with_no_site_theme_ignores_the_sites_override()
    {
        using var site = WithOverride();
        var options = new PreviewOptions(site.Input, TestSite.ThemeDir, TestSite.CacheDir, 0, () => TestSite.Parse(TestSite.DefaultNow), SiteTheme: false);
        await using var server = await PreviewServer.StartAsync(options, _ => { });
        using var http = new HttpClient { BaseAddress = server.Url };

        var page = await http.GetAsync("/404.html");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain(Marker, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("build")]
    [InlineData("check")]
    [InlineData("serve")]
    public void Help_names_the_switch(string command)
    {
        var run = CliRunner.Run(command, "--help");

        Assert.Contains("--no-site-theme", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_to_a_file_outside_input_is_refused_and_nothing_is_published()
    {
        using var site = TestSite.Create();
        var outside = Path.Combine(site.Root, "secret.txt");
        File.WriteAllText(outside, "not for the site");
        Directory.CreateDirectory(Path.Combine(site.Input, "theme", "assets"));
        File.CreateSymbolicLink(Path.Combine(site.Input, "theme", "assets", "secret.txt"), outside);

        var result = await site.BuildAsync();

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Diagnostics, d => d.Level == DiagnosticLevel.Error);
        Assert.Equal("input/theme/assets/secret.txt:1: this is a symbolic link to '" + outside + "', outside input/; a build would publish what it points to, so copy the file into input/ instead of linking to it (or remove the link)", error.ToString());
        Assert.False(Directory.Exists(site.Output));
    }

    [Fact]
    public async Task A_folder_link_outside_input_is_refused_and_not_read()
    {
        using var site = TestSite.Create();
        var outside = Path.Combine(site.Root, "elsewhere");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "x.md"), "no front matter");
        File.CreateSymbolicLink(Path.Combine(site.Input, "incidents"), outside);

        var result = await site.BuildAsync();

        var error = Assert.Single(result.Diagnostics, d => d.Level == DiagnosticLevel.Error);
        Assert.StartsWith("input/incidents:1: this is a symbolic link to '" + outside + "'", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_that_stays_inside_input_is_still_read()
    {
        using var site = TestSite.Create();
        site.Write("shared/api.md", Incidents.File(
            "title: Elevated API error rates\nseverity: SEV2\ncomponents:\n  api: partial_outage",
            Incidents.Update("2026-11-26 10:02 UTC", "Investigating", "We are investigating.")));
        Directory.CreateDirectory(Path.Combine(site.Input, "incidents"));
        File.CreateSymbolicLink(Path.Combine(site.Input, "incidents", "api.md"), Path.Combine("..", "shared", "api.md"));

        var result = await site.BuildOkAsync();

        Assert.Single(result.Model!.Incidents);
    }
}
