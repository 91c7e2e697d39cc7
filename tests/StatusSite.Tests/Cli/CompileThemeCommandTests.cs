using StatusSite.Tests.Support;

namespace StatusSite.Tests.Cli;

public sealed class CompileThemeCommandTests
{
    private static int TemplateCount =>
        Directory.EnumerateFiles(Path.Combine(TestSite.ThemeDir, "layouts"), "*.cshtml").Count()
        + Directory.EnumerateFiles(Path.Combine(TestSite.ThemeDir, "partials"), "*.cshtml").Count();

    [Fact]
    public void Compiles_every_template_of_the_theme_into_the_cache_folder()
    {
        var cache = Path.Combine(Path.GetTempPath(), "statussite-compile-theme-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var run = CliRunner.Run("compile-theme", "--theme", TestSite.ThemeDir, "--cache", cache);

            Assert.Equal(0, run.ExitCode);
            Assert.Contains($"Compiled and cached {TemplateCount} templates of {TestSite.ThemeDir}.", run.Output, StringComparison.Ordinal);
            Assert.Equal(TemplateCount, Directory.EnumerateFiles(cache, "*.dll").Count());
            Assert.Equal(TemplateCount, Directory.EnumerateFiles(cache, "*.pdb").Count());
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public void A_template_that_does_not_compile_is_named_and_the_exit_code_is_1()
    {
        var theme = Path.Combine(Path.GetTempPath(), "statussite-broken-theme-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            foreach (var file in Directory.EnumerateFiles(TestSite.ThemeDir, "*", SearchOption.AllDirectories))
            {
                var copy = Path.Combine(theme, Path.GetRelativePath(TestSite.ThemeDir, file));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);
            }

            File.AppendAllText(Path.Combine(theme, "partials", "chip.cshtml"), "@Model.NoSuchMember\n");

            var run = CliRunner.Run("compile-theme", "--theme", theme, "--cache", TestSite.CacheDir);

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("error: partials/chip.cshtml:", run.Output, StringComparison.Ordinal);
            Assert.Contains("NoSuchMember", run.Output, StringComparison.Ordinal);
            Assert.Contains($"1 of {TemplateCount} templates failed to compile", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(theme, recursive: true);
        }
    }
}
