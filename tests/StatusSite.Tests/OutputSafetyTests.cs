using StatusSite.Publishing;
using StatusSite.Tests.Support;

namespace StatusSite.Tests;

/// <summary>What 'build --output' may replace: only a folder it wrote itself, an empty one or a missing one.</summary>
public sealed class OutputSafetyTests
{
    /// <summary>A process id no system hands out (Linux allows at most 2^22): the build that left the folder is gone.</summary>
    private const int KilledBuild = int.MaxValue;

    private static CliRun Build(TestSite site, string output, string? theme = null) =>
        CliRunner.Run("build", "--input", site.Input, "--output", output, "--now", TestSite.DefaultNow, "--theme", theme ?? TestSite.ThemeDir, "--cache", TestSite.CacheDir);

    /// <summary>A site whose content has an error: were the output not refused first, the build would stop before writing.</summary>
    private static TestSite BrokenSite() => TestSite.Create(siteYml: "title: [unclosed\n");

    private static string Leftover(TestSite site, int pid, bool old = false) =>
        Path.Combine(site.Root, $"._site.staging-{pid}-{Guid.NewGuid():N}{(old ? OutputFolder.OldSuffix : "")}");

    private static string[] Entries(string folder) =>
        Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    [Fact]
    public void A_non_empty_folder_the_build_did_not_write_is_refused_and_left_as_it_was()
    {
        using var site = TestSite.Create();
        var documents = Path.Combine(site.Root, "documents");
        Directory.CreateDirectory(Path.Combine(documents, "taxes"));
        File.WriteAllText(Path.Combine(documents, "letter.txt"), "dear");
        File.WriteAllText(Path.Combine(documents, "taxes", "2026.pdf"), "numbers");
        var before = TestSite.Snapshot(documents);

        var run = Build(site, documents);

        Assert.True(run.ExitCode == 2, run.Output);
        Assert.Contains($"error: --output: '{documents}' is not empty and was not written by statussite (it has no .statussite-output file)", run.Output);
        Assert.Contains("delete the folder yourself if it holds nothing you need, or pick an empty or new one with --output", run.Output);
        Assert.Equal(before, TestSite.Snapshot(documents));
        Assert.Equal(["documents", "input"], Entries(site.Root));
    }

    [Fact]
    public async Task The_output_of_a_version_without_the_marker_is_refused()
    {
        using var site = TestSite.Create();
        await site.BuildOkAsync();
        File.Delete(Path.Combine(site.Output, OutputFolder.MarkerName));
        var before = TestSite.Snapshot(site.Output);

        var run = Build(site, site.Output);

        Assert.True(run.ExitCode == 2, run.Output);
        Assert.Contains("was not written by statussite", run.Output);
        Assert.Equal(before, TestSite.Snapshot(site.Output));
    }

    [Theory]
    [InlineData("input", "is the content folder (--input)")]
    [InlineData("parent of input", "holds the content folder (--input)")]
    [InlineData("theme", "is the theme folder")]
    [InlineData("parent of theme", "holds the theme folder")]
    public void A_folder_the_build_needs_is_refused_whatever_it_holds(string what, string message)
    {
        using var site = TestSite.Create();
        var theme = Path.Combine(site.Root, "themes", "copy");
        TestSite.CopyFolder(TestSite.ThemeDir, theme);
        // Marked as an earlier output: the refusal must not depend on the marker.
        File.WriteAllText(Path.Combine(site.Input, OutputFolder.MarkerName), OutputFolder.MarkerText);
        File.WriteAllText(Path.Combine(theme, OutputFolder.MarkerName), OutputFolder.MarkerText);
        var output = what switch
        {
            "input" => site.Input,
            "parent of input" => site.Root,
            "theme" => theme,
            _ => Path.GetDirectoryName(theme)!,
        };
        var before = TestSite.Snapshot(site.Root);

        var run = Build(site, output, theme);

        Assert.True(run.ExitCode == 2, run.Output);
        Assert.Contains($"error: --output: '{output}' {message}; a build replaces the whole --output folder, so give it a folder of its own, such as _site", run.Output);
        Assert.Equal(before, TestSite.Snapshot(site.Root));
    }

    [Fact]
    public void The_filesystem_root_is_refused_before_anything_is_read_or_written()
    {
        using var site = BrokenSite();
        var root = Path.GetPathRoot(site.Root)!;

        var run = Build(site, root);

        Assert.True(run.ExitCode == 2, run.Output);
        Assert.Contains($"error: --output: '{root}' is the root of a filesystem;", run.Output);
        Assert.DoesNotContain("site.yml", run.Output);
    }

    [Fact]
    public void The_home_folder_is_refused_before_anything_is_read_or_written()
    {
        using var site = BrokenSite();
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Assert.False(string.IsNullOrEmpty(home));
        var before = Entries(home);

        var run = Build(site, home);

        Assert.True(run.ExitCode == 2, run.Output);
        Assert.Contains($"error: --output: '{home}' is your home folder;", run.Output);
        Assert.DoesNotContain("site.yml", run.Output);
        Assert.Equal(before, Entries(home));
    }

    [Fact]
    public async Task The_root_of_the_repository_being_worked_in_is_refused()
    {
        using var site = TestSite.Create();
        var clone = Path.Combine(site.Root, "clone");
        Directory.CreateDirectory(Path.Combine(clone, ".git"));
        Directory.CreateDirectory(Path.Combine(clone, "src"));
        File.WriteAllText(Path.Combine(clone, ".git", "HEAD"), "ref: refs/heads/main\n");
        File.WriteAllText(Path.Combine(clone, "src", "Program.cs"), "// code\n");
        File.WriteAllText(Path.Combine(clone, "README.md"), "# A project\n");
        var before = TestSite.Snapshot(clone);

        var run = await CliRunner.RunProcessAsync(clone, "build", "--input", site.Input, "--output", ".", "--now", TestSite.DefaultNow, "--theme", TestSite.ThemeDir, "--cache", TestSite.CacheDir);

        Assert.True(run.ExitCode == 2, run.Output);
        Assert.Contains("error: --output: '.' is the root of the Git repository you are working in;", run.Output);
        Assert.Equal(before, TestSite.Snapshot(clone));
    }

    [Fact]
    public void An_empty_or_a_missing_folder_is_written_and_marked()
    {
        using var site = TestSite.Create();
        var empty = Path.Combine(site.Root, "empty");
        Directory.CreateDirectory(empty);
        var missing = Path.Combine(site.Root, "not", "yet");

        foreach (var output in new[] { empty, missing })
        {
            var run = Build(site, output);

            Assert.True(run.ExitCode == 0, run.Output);
            Assert.True(File.Exists(Path.Combine(output, "index.html")), output);
            Assert.Equal(OutputFolder.MarkerText, File.ReadAllText(Path.Combine(output, OutputFolder.MarkerName)));
        }
    }

    [Fact]
    public async Task A_folder_the_build_wrote_is_replaced_whole()
    {
        using var site = TestSite.Create();
        await site.BuildOkAsync();
        File.WriteAllText(Path.Combine(site.Output, "stray.txt"), "added by hand");

        var run = Build(site, site.Output);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.False(File.Exists(Path.Combine(site.Output, "stray.txt")));
        Assert.True(File.Exists(Path.Combine(site.Output, OutputFolder.MarkerName)));
        Assert.Equal(["_site", "input"], Entries(site.Root));
    }

    [Fact]
    public async Task The_next_build_removes_the_staging_folders_a_killed_build_left()
    {
        using var site = TestSite.Create();
        await site.BuildOkAsync();
        var staging = Leftover(site, KilledBuild);
        var old = Leftover(site, KilledBuild, old: true);
        foreach (var folder in new[] { staging, old })
        {
            Directory.CreateDirectory(Path.Combine(folder, "incidents"));
            File.WriteAllText(Path.Combine(folder, "incidents", "half.html"), "half written");
        }

        // Not a leftover: a build still running (process 1 is always there), and folders of the same look that no build named.
        var running = Leftover(site, 1);
        var other = Path.Combine(site.Root, "._site.staging-notes");
        Directory.CreateDirectory(running);
        Directory.CreateDirectory(other);

        var run = Build(site, site.Output);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(new[] { "_site", Path.GetFileName(running), Path.GetFileName(other), "input" }.Order(StringComparer.Ordinal), Entries(site.Root));
    }

    [Fact]
    public async Task An_output_a_killed_swap_left_missing_is_put_back_even_when_the_next_build_fails()
    {
        using var site = TestSite.Create();
        await site.BuildOkAsync();
        var published = TestSite.Snapshot(site.Output);
        // Killed between the two renames of a swap without the atomic exchange: the old site aside, the new one staged.
        Directory.Move(site.Output, Leftover(site, KilledBuild, old: true));
        var staging = Leftover(site, KilledBuild);
        Directory.CreateDirectory(staging);
        File.WriteAllText(Path.Combine(staging, "index.html"), "the new site");
        site.Write("incidents/broken.md", "---\ntitle: [unclosed\n---\n");

        var failed = Build(site, site.Output);

        Assert.True(failed.ExitCode == 1, failed.Output);
        Assert.Equal(published, TestSite.Snapshot(site.Output));
        Assert.Equal(["_site", "input"], Entries(site.Root));

        File.Delete(Path.Combine(site.Input, "incidents", "broken.md"));
        var rebuilt = Build(site, site.Output);
        Assert.True(rebuilt.ExitCode == 0, rebuilt.Output);
        Assert.Equal(published, TestSite.Snapshot(site.Output));
    }

    [Fact]
    public void On_Linux_the_swap_exchanges_the_two_folders_in_one_step()
    {
        using var site = TestSite.Create();
        var a = Path.Combine(site.Root, "a");
        var b = Path.Combine(site.Root, "b");
        Directory.CreateDirectory(a);
        Directory.CreateDirectory(b);
        File.WriteAllText(Path.Combine(a, "from-a.txt"), "a");
        File.WriteAllText(Path.Combine(b, "from-b.txt"), "b");

        var exchanged = SitePublisher.Exchange(a, b);

        Assert.Equal(OperatingSystem.IsLinux(), exchanged);
        Assert.Equal(exchanged ? ["from-b.txt"] : ["from-a.txt"], Entries(a));
        Assert.Equal(exchanged ? ["from-a.txt"] : ["from-b.txt"], Entries(b));
    }

    [Fact]
    public async Task A_reader_never_finds_the_output_missing_while_builds_replace_it()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // Elsewhere the swap is two renames; a killed one is recovered by the next build (tested above).
        }

        using var site = TestSite.Create();
        await site.BuildOkAsync();
        var index = Path.Combine(site.Output, "index.html");
        var missing = 0;
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (!File.Exists(index))
                {
                    Interlocked.Increment(ref missing);
                }
            }
        });

        for (var i = 0; i < 10; i++)
        {
            await site.BuildOkAsync();
        }

        await stop.CancelAsync();
        await reader;
        Assert.Equal(0, missing);
    }

    [Theory]
    [InlineData("build", "--output", "", "error: --output: give the folder to write the site to, such as _site")]
    [InlineData("build", "--cache", "", "error: --cache: give a folder for the compiled templates, such as .statussite-cache")]
    [InlineData("build", "--cache", "a file", "is a file; give a folder for the compiled templates, such as .statussite-cache")]
    [InlineData("serve", "--cache", "a file", "is a file; give a folder for the compiled templates, such as .statussite-cache")]
    [InlineData("compile-theme", "--cache", "a file", "is a file; give a folder for the compiled templates, such as .statussite-cache")]
    public void An_empty_output_or_cache_or_a_cache_that_is_a_file_is_a_usage_error(string command, string option, string value, string message)
    {
        using var site = TestSite.Create();
        var file = Path.Combine(site.Root, "cache.txt");
        File.WriteAllText(file, "not a folder");
        string[] args = command switch
        {
            "build" => ["build", "--input", site.Input, "--now", TestSite.DefaultNow, "--theme", TestSite.ThemeDir],
            "serve" => ["serve", "--input", site.Input, "--now", TestSite.DefaultNow, "--theme", TestSite.ThemeDir, "--port", "0"],
            _ => ["compile-theme", "--theme", TestSite.ThemeDir],
        };

        var run = CliRunner.Run([.. args, option, value == "a file" ? file : value]);

        Assert.True(run.ExitCode == 2, run.Output);
        Assert.Contains(message, run.Output);
        Assert.Equal(["cache.txt", "input"], Entries(site.Root));
    }
}
