using StatusSite.Tests.Support;

namespace StatusSite.Tests.Cli;

public sealed class BuildCommandTests
{
    [Fact]
    public async Task Github_format_prints_error_annotations_so_a_failed_publish_shows_them_on_the_file()
    {
        using var site = TestSite.Create();
        site.Write("incidents/bad.md", Incidents.File("title: Bad\nseverity: SEV2\ncomponents:\n  apii: partial_outage", Incidents.Update("2026-11-26 10:02 UTC", "Investigating", "x")));

        var run = await CliRunner.RunProcessAsync(site.Root, "build", "--input", "input", "--format", "github", "--now", "2026-11-26T11:32:00Z", "--theme", TestSite.ThemeDir, "--cache", TestSite.CacheDir);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            [
                "::error file=input/incidents/bad.md,line=5,title=statussite::unknown component 'apii' (did you mean 'api'?); use an id from the components in site.yml",
                "Build failed with 1 error; nothing was written and _site/ is unchanged.",
            ],
            run.Lines);
        Assert.False(Directory.Exists(site.Output));
    }

    [Fact]
    public void Unknown_format_is_a_usage_error()
    {
        using var site = TestSite.Create();

        var run = CliRunner.Run([.. CliRunner.BuildArgs(site), "--format", "junit"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--format: unknown format 'junit'; use 'text' or 'github'", run.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(site.Output));
    }
}
