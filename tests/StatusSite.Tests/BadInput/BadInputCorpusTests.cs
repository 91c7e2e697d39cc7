using System.Text;
using StatusSite.Publishing;
using StatusSite.Tests.Support;

namespace StatusSite.Tests.BadInput;

/// <summary>
/// Every malformed input gives its diagnostic at its file and line, exit code 1 from build and check, and leaves the
/// previous output untouched; accepted variants (BOM, CRLF, lower-case severity) build. Nothing may throw.
/// </summary>
public sealed class BadInputCorpusTests
{
    private static readonly string CasesDir = Path.Combine(TestSite.RepoRoot, "tests", "StatusSite.Tests", "BadInput", "cases");

    private const string Incident = "---\ntitle: Elevated API error rates\nseverity: SEV2\ncomponents:\n  api: partial_outage\n---\n\n## 2026-11-26 10:02 UTC — Investigating\n\nWe are investigating.\n";

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(CasesDir, "*.case").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Fact]
    public void The_corpus_holds_at_least_fifty_cases() =>
        Assert.True(CaseNames().Count + GeneratedCaseCount >= 50, $"only {CaseNames().Count + GeneratedCaseCount} cases");

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Case_file_gives_its_diagnostic_exit_code_and_keeps_the_previous_output(string name)
    {
        var corpusCase = CorpusCase.Parse(File.ReadAllText(Path.Combine(CasesDir, name + ".case")));
        using var site = TestSite.Create(corpusCase.WithoutSiteYml ? null : TestSite.DefaultSiteYml);
        foreach (var (path, text) in corpusCase.Files)
        {
            site.Write(path, text);
        }

        await AssertOutcomeAsync(site, corpusCase.ExitCode, corpusCase.Diagnostics);
    }

    private const int GeneratedCaseCount = 32;

    [Fact]
    public async Task A_utf8_bom_is_accepted()
    {
        using var site = TestSite.Create();
        site.WriteBytes("incidents/x.md", [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(Incident)]);

        await AssertOutcomeAsync(site, 0, []);
    }

    [Fact]
    public async Task Crlf_line_endings_are_accepted_and_never_reach_the_message()
    {
        using var site = TestSite.Create();
        site.WriteBytes("incidents/x.md", Encoding.UTF8.GetBytes(Incident.Replace("\n", "\r\n", StringComparison.Ordinal)));

        var result = await AssertOutcomeAsync(site, 0, []);

        Assert.Equal("We are investigating.", Assert.Single(result!.Model!.Incidents).Latest.Source.Markdown);
    }

    [Fact]
    public async Task A_site_yml_with_bom_and_crlf_is_accepted()
    {
        using var site = TestSite.Create(null);
        site.WriteBytes("site.yml", [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(TestSite.DefaultSiteYml.ReplaceLineEndings("\r\n"))]);
        site.Write("incidents/x.md", Incident);

        await AssertOutcomeAsync(site, 0, []);
    }

    [Fact]
    public async Task Latin1_bytes_are_refused_at_their_line()
    {
        using var site = TestSite.Create();
        site.WriteBytes("incidents/x.md", Encoding.Latin1.GetBytes(Incident.Replace("Elevated", "Erhöhte", StringComparison.Ordinal)));

        await AssertOutcomeAsync(site, 1, ["input/incidents/x.md:2: this file is not UTF-8 text (it may be Latin-1 or Windows-1252); save it as UTF-8"]);
    }

    [Fact]
    public async Task A_five_megabyte_body_is_refused_without_reading_it()
    {
        using var site = TestSite.Create();
        site.Write("incidents/x.md", Incident + new string('x', 5 * 1024 * 1024) + "\n");

        await AssertOutcomeAsync(site, 1, ["input/incidents/x.md: this file is 5.0 MB, more than the 1 MB a content file may hold"]);
    }

    [Fact]
    public async Task A_ten_thousand_character_title_is_refused()
    {
        using var site = TestSite.Create();
        site.Write("incidents/x.md", Incident.Replace("Elevated API error rates", new string('A', 10_000), StringComparison.Ordinal));

        await AssertOutcomeAsync(site, 1, ["input/incidents/x.md:2: the title is 10000 characters long; keep it to at most 200"]);
    }

    [Fact]
    public async Task A_whitespace_only_file_is_reported_as_empty()
    {
        using var site = TestSite.Create();
        site.Write("incidents/x.md", "   \n\n\t\n");

        await AssertOutcomeAsync(site, 1, ["input/incidents/x.md:1: this file is empty"]);
    }

    [Fact]
    public async Task A_folder_link_loop_is_skipped_with_a_warning()
    {
        using var site = TestSite.Create();
        site.Write("incidents/2026/x.md", Incident);
        Directory.CreateSymbolicLink(Path.Combine(site.Input, "incidents", "2026", "loop"), Path.Combine(site.Input, "incidents"));

        await AssertOutcomeAsync(site, 0, ["input/incidents/2026/loop: warning: this folder link leads back to a folder already read; it is skipped (remove the link)"]);
    }

    [Fact]
    public async Task An_oversized_logo_is_refused_at_its_site_yml_line()
    {
        using var site = TestSite.Create(TestSite.DefaultSiteYml.Replace("components:", "logo: logo.svg\ncomponents:", StringComparison.Ordinal));
        site.Write("logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\">" + new string(' ', 300 * 1024) + "</svg>");

        await AssertOutcomeAsync(site, 1, ["input/site.yml:8: logo 'logo.svg' is 300 KB, more than the 256 KB a logo or icon may be"]);
    }

    [Fact]
    public async Task A_logo_linked_from_outside_input_is_refused_and_never_read()
    {
        using var site = TestSite.Create(TestSite.DefaultSiteYml.Replace("components:", "logo: logo.svg\ncomponents:", StringComparison.Ordinal));
        var outside = Path.Combine(site.Root, "secret.svg");
        File.WriteAllText(outside, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"><script>x</script></svg>");
        File.CreateSymbolicLink(Path.Combine(site.Input, "logo.svg"), outside);

        var result = await AssertOutcomeAsync(site, 1, ["input/logo.svg:1: this is a symbolic link to '"]);
        Assert.Single(result!.Diagnostics);
    }

    [Fact]
    public async Task A_link_to_a_missing_file_is_reported_as_unreadable()
    {
        using var site = TestSite.Create();
        Directory.CreateDirectory(Path.Combine(site.Input, "incidents"));
        File.CreateSymbolicLink(Path.Combine(site.Input, "incidents", "x.md"), Path.Combine(site.Input, "gone.md"));

        await AssertOutcomeAsync(site, 1, ["input/incidents/x.md: this file cannot be read ("]);
    }

    [Fact]
    public async Task A_folder_named_like_a_content_file_is_read_as_a_folder()
    {
        using var site = TestSite.Create();
        site.Write("incidents/x.md/y.md", Incident);

        var result = await AssertOutcomeAsync(site, 0, []);

        Assert.Equal("y", Assert.Single(result!.Model!.Incidents).Id);
    }

    [Fact]
    public async Task A_file_without_read_permission_is_reported_when_the_system_enforces_it()
    {
        if (OperatingSystem.IsWindows())
        {
            // Unix permissions only; Windows ACLs are out of scope for this case.
            return;
        }

        using var site = TestSite.Create();
        site.Write("incidents/x.md", Incident);
        var path = Path.Combine(site.Input, "incidents", "x.md");
        File.SetUnixFileMode(path, UnixFileMode.None);
        try
        {
            // Root (as in CI containers) reads mode-000 files anyway; then the file is valid and must simply build.
            var enforced = !CanRead(path);
            await AssertOutcomeAsync(site, enforced ? 1 : 0, enforced ? ["input/incidents/x.md: this file cannot be read ("] : []);
        }
        finally
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public async Task Lower_case_severity_is_normalised()
    {
        using var site = TestSite.Create();
        site.Write("incidents/x.md", Incident.Replace("SEV2", "sev1", StringComparison.Ordinal));

        var result = await AssertOutcomeAsync(site, 0, []);

        Assert.Equal(StatusSite.Model.Severity.Sev1, Assert.Single(result!.Model!.Incidents).Severity);
        Assert.Contains("SEV1", site.ReadOutput("incidents/x/index.html"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("incidents/x.md", "Elevated", "Elevated \u001B[31m", 2, "U+001B (ESC: pasted terminal colours?)")]
    [InlineData("incidents/x.md", "We are", "We \u0001are", 10, "U+0001")]
    [InlineData("site.yml", "name: Public API", "name: Public\bAPI", 10, "U+0008 (backspace)")]
    [InlineData("incidents/x.md", "We are", "We \uFFFEare", 10, "U+FFFE")]
    public async Task A_control_character_is_refused_at_its_line(string file, string find, string replace, int line, string what)
    {
        using var site = TestSite.Create();
        site.Write("incidents/x.md", Incident);
        var text = File.ReadAllText(Path.Combine(site.Input, file));
        site.Write(file, text.Replace(find, replace, StringComparison.Ordinal));

        await AssertHostileAsync(site, $"input/{file}:{line}: this line holds the invisible control character {what}, which no page or feed can show; remove it");
    }

    [Theory]
    [InlineData("&#1;", "U+0001")]
    [InlineData("&#x1b;", "U+001B (ESC: pasted terminal colours?)")]
    [InlineData("&#127;", "U+007F")]
    [InlineData("&#X85;", "U+0085")]
    [InlineData("&#0000008;", "U+0008 (backspace)")]
    [InlineData("&#xFFFE;", "U+FFFE")]
    public async Task A_control_character_written_as_a_character_reference_is_refused_at_its_line(string reference, string what)
    {
        using var site = TestSite.Create();
        site.Write("incidents/x.md", Incident.Replace("We are", "We " + reference + "are", StringComparison.Ordinal));

        await AssertHostileAsync(site, $"input/incidents/x.md:10: the character reference '{reference}' stands for the invisible control character {what}, which no page or feed can show; remove it");
    }

    [Fact]
    public async Task Character_references_to_visible_characters_and_to_nothing_are_accepted()
    {
        using var site = TestSite.Create();
        site.Write("incidents/x.md", Incident.Replace("We are", "We &#x2014; &#0; &#9; &#10; &#12345678; &#x1234567; &amp;#1; are", StringComparison.Ordinal));

        await AssertOutcomeAsync(site, 0, []);
    }

    [Fact]
    public async Task Nul_bytes_are_refused_as_control_characters()
    {
        using var site = TestSite.Create();
        site.WriteBytes("incidents/x.md", [0, 0, 0, 10, 0]);

        await AssertHostileAsync(site, "input/incidents/x.md:1: this line holds the invisible control character U+0000 (NUL: is this a binary file?)");
    }

    [Theory]
    [InlineData("[", "]", 200_000)]
    [InlineData("{a: ", "}", 10_000)]
    public async Task Deeply_nested_yaml_is_refused(string open, string close, int depth)
    {
        using var site = TestSite.Create();
        site.Write("incidents/x.md", Incident.Replace("severity: SEV2", "severity: SEV2\ninternal: " + string.Concat(Enumerable.Repeat(open, depth)) + new string(close[0], depth), StringComparison.Ordinal));

        await AssertHostileAsync(site, "input/incidents/x.md:4: the YAML here is nested more than 32 levels deep; flatten it");
    }

    [Fact]
    public async Task A_yaml_mapping_indented_six_hundred_levels_deep_is_refused()
    {
        using var site = TestSite.Create();
        var nested = string.Concat(Enumerable.Range(1, 600).Select(i => new string(' ', i) + "k:\n"));
        site.Write("incidents/x.md", Incident.Replace("severity: SEV2\n", "severity: SEV2\ninternal:\n" + nested, StringComparison.Ordinal));

        await AssertHostileAsync(site, "input/incidents/x.md:36: the YAML here is nested more than 32 levels deep; flatten it");
    }

    [Theory]
    [InlineData(">", 100_000, "this line is nested more than 32 levels deep")]
    [InlineData("[", 100_000, "this paragraph leaves more than 32 '[' or '(' open by this line")]
    [InlineData("[a](", 100_000, "this paragraph leaves more than 32 '[' or '(' open by this line")]
    public async Task A_deeply_nested_update_is_refused_before_markdig_reads_it(string unit, int count, string message)
    {
        using var site = TestSite.Create();
        site.Write("incidents/x.md", Incident.Replace("We are investigating.", string.Concat(Enumerable.Repeat(unit, count)) + " x", StringComparison.Ordinal));

        await AssertHostileAsync(site, $"input/incidents/x.md:10: {message}");
    }

    [Fact]
    public async Task A_list_six_hundred_levels_deep_is_refused()
    {
        using var site = TestSite.Create();
        var list = string.Concat(Enumerable.Range(0, 600).Select(i => new string(' ', 2 * i) + "- x\n"));
        site.Write("incidents/x.md", Incident.Replace("We are investigating.\n", list, StringComparison.Ordinal));

        // '- x' indented 64 columns is the first line past 32 levels: 32 of indentation and the marker.
        await AssertHostileAsync(site, "input/incidents/x.md:42: this line is nested more than 32 levels deep");
    }

    /// <summary>A hostile file gets its diagnostic, exit code 1 and the previous output kept, in a message of normal length.</summary>
    private static async Task AssertHostileAsync(TestSite site, string diagnostic)
    {
        var result = await AssertOutcomeAsync(site, 1, [diagnostic]);
        Assert.All(result!.Diagnostics, d => Assert.True(d.ToString().Length <= 400, $"a message of {d.ToString().Length} characters"));
    }

    private static bool CanRead(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// Builds with a previous output in place and checks the diagnostics, the library's outcome, and the exit
    /// codes of the 'build' and 'check' commands; a failing build must leave the previous output byte for byte.
    /// </summary>
    private static async Task<BuildResult?> AssertOutcomeAsync(TestSite site, int exitCode, IReadOnlyList<string> expected)
    {
        Directory.CreateDirectory(site.Output);
        File.WriteAllText(Path.Combine(site.Output, "index.html"), "the previous site");
        File.WriteAllText(Path.Combine(site.Output, OutputFolder.MarkerName), OutputFolder.MarkerText);
        var previous = TestSite.Snapshot(site.Output);

        var result = await site.BuildAsync();
        var actual = result.Diagnostics.Select(d => d.ToString()).ToList();
        var listing = "diagnostics:\n" + string.Join("\n", actual);
        foreach (var diagnostic in expected)
        {
            Assert.True(actual.Any(a => a.StartsWith(diagnostic, StringComparison.Ordinal)), $"expected a diagnostic starting with\n{diagnostic}\n{listing}");
        }

        Assert.Equal(exitCode == 0, result.Succeeded);
        if (exitCode != 0)
        {
            Assert.Equal(previous, TestSite.Snapshot(site.Output));
        }
        else
        {
            Assert.DoesNotContain(result.Diagnostics, d => d.Level == StatusSite.Core.DiagnosticLevel.Error);
        }

        var now = TestSite.Parse(TestSite.DefaultNow);
        var build = CliRunner.Run(now, "build", "--input", site.Input, "--output", site.Output, "--theme", TestSite.ThemeDir, "--cache", TestSite.CacheDir, "--now", TestSite.DefaultNow);
        Assert.True(exitCode == build.ExitCode, $"build exited {build.ExitCode}:\n{build.Output}");
        if (exitCode != 0)
        {
            Assert.Equal(previous, TestSite.Snapshot(site.Output));
            foreach (var diagnostic in expected)
            {
                // The command names files relative to the working folder, which ends in the same 'input/…:line'.
                Assert.Contains(diagnostic[..(diagnostic.IndexOf(": ", StringComparison.Ordinal) + 2)], build.Output, StringComparison.Ordinal);
            }
        }

        var check = CliRunner.Run(now, "check", "--input", site.Input, "--now", TestSite.DefaultNow);
        Assert.True(exitCode == check.ExitCode, $"check exited {check.ExitCode}:\n{check.Output}");
        return result;
    }

    /// <summary>One parsed '.case' file.</summary>
    private sealed record CorpusCase(int ExitCode, bool WithoutSiteYml, IReadOnlyList<string> Diagnostics, IReadOnlyList<(string Path, string Text)> Files)
    {
        public static CorpusCase Parse(string text)
        {
            var exit = -1;
            var noSite = false;
            var diagnostics = new List<string>();
            var files = new List<(string, List<string>)>();
            foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
            {
                if (line.StartsWith("file: ", StringComparison.Ordinal))
                {
                    files.Add((line["file: ".Length..], []));
                }
                else if (files.Count > 0)
                {
                    files[^1].Item2.Add(line);
                }
                else if (line.StartsWith("exit: ", StringComparison.Ordinal))
                {
                    exit = int.Parse(line["exit: ".Length..], System.Globalization.CultureInfo.InvariantCulture);
                }
                else if (line == "site: none")
                {
                    noSite = true;
                }
                else if (line.StartsWith("diagnostic: ", StringComparison.Ordinal))
                {
                    diagnostics.Add(line["diagnostic: ".Length..]);
                }
            }

            Assert.True(exit >= 0, "a case needs an 'exit:' line");
            Assert.True(exit == 0 || diagnostics.Count > 0, "a failing case needs at least one 'diagnostic:' line");
            return new CorpusCase(exit, noSite, diagnostics, [.. files.Select(f => (f.Item1, Body(f.Item2)))]);
        }

        private static string Body(List<string> lines)
        {
            var text = string.Join('\n', lines).TrimEnd('\n');
            return text.Length == 0 ? "" : text + "\n";
        }
    }
}
