using StatusSite.Tests.Support;

namespace StatusSite.Tests;

/// <summary>
/// Every mistake a Communications Lead can make in a file is reported with its file, its line
/// and the fix; the build exits with 1 and the previous site stays exactly as it was.
/// </summary>
public sealed class ContentErrorTests
{
    private const string Good = """
        ---
        title: Elevated API error rates
        severity: SEV2
        components:
          api: partial_outage
        ---

        ## 2026-11-26 10:02 UTC — Investigating
        We are investigating elevated error rates on the API.
        """;

    public static TheoryData<string, string, string, int, string> Cases => new()
    {
        {
            "malformed YAML, reported at its line in the file",
            "incidents/x.md",
            "---\ntitle: Elevated API error rates\nseverity: SEV2\ncomponents:\n  api: partial_outage\n   dashboard: [unclosed\n---\n\n## 2026-11-26 10:02 UTC — Investigating\nText.\n",
            6,
            "this is not valid YAML"
        },
        {
            "missing required field",
            "incidents/x.md",
            "---\ntitle: Elevated API error rates\ncomponents:\n  api: partial_outage\n---\n\n## 2026-11-26 10:02 UTC — Investigating\nText.\n",
            2,
            "missing required key 'severity'; add a line such as 'severity: SEV2'"
        },
        {
            "wrong type",
            "incidents/x.md",
            "---\ntitle: Elevated API error rates\nseverity: SEV2\ncomponents: api\n---\n\n## 2026-11-26 10:02 UTC — Investigating\nText.\n",
            4,
            "'components' takes 'name: value' pairs here, one per line, indented under 'components:'"
        },
        {
            "unknown component in front matter",
            "incidents/x.md",
            Good.Replace("  api: partial_outage", "  apii: partial_outage"),
            5,
            "unknown component 'apii' (did you mean 'api'?); use an id from the components in site.yml"
        },
        {
            "unknown component on a Components: line",
            "incidents/x.md",
            Good.Replace("Investigating\n", "Investigating\nComponents: dashbord=operational\n"),
            9,
            "unknown component 'dashbord' (did you mean 'dashboard'?)"
        },
        {
            "unknown severity",
            "incidents/x.md",
            Good.Replace("SEV2", "SEV5"),
            3,
            "'severity': unknown value 'SEV5' (did you mean 'SEV1'?); write one of 'SEV1', 'SEV2' or 'SEV3'"
        },
        {
            "unknown component status",
            "incidents/x.md",
            Good.Replace("api: partial_outage", "api: partial"),
            5,
            "'api': unknown value 'partial'"
        },
        {
            "unknown update status",
            "incidents/x.md",
            Good.Replace("— Investigating", "— Investigatin"),
            8,
            "unknown update status 'Investigatin' (did you mean 'Investigating'?)"
        },
        {
            "unknown key",
            "incidents/x.md",
            Good.Replace("severity: SEV2", "severity: SEV2\nsevrity: SEV1"),
            4,
            "unknown key 'sevrity' (did you mean 'severity'?)"
        },
        {
            "timestamp without a zone",
            "incidents/x.md",
            Good.Replace("severity: SEV2", "severity: SEV2\nstarted: 2026-11-26T09:58:00"),
            4,
            "'started': timestamp '2026-11-26T09:58:00' has no time zone; add 'Z' for UTC"
        },
        {
            "timestamp without a zone in a heading",
            "incidents/x.md",
            Good.Replace("10:02 UTC", "10:02"),
            8,
            "timestamp '2026-11-26 10:02' has no time zone"
        },
        {
            "impossible date",
            "incidents/x.md",
            Good.Replace("2026-11-26 10:02 UTC", "2026-02-30 10:02 UTC"),
            8,
            "'2026-02-30' is not a real date"
        },
        {
            "unparseable update heading",
            "incidents/x.md",
            Good + "\n## Thursday morning\nMore text.\n",
            10,
            "'## Thursday morning' is not an update heading; write it as '## 2026-11-26 10:02 UTC — Investigating'"
        },
        {
            "incident with no update",
            "incidents/x.md",
            "---\ntitle: Elevated API error rates\nseverity: SEV2\n---\n",
            4,
            "this incident has no update; add one under the front matter"
        },
        {
            "update dated after the build clock",
            "incidents/x.md",
            Good.Replace("2026-11-26 10:02 UTC", "2026-11-28 10:02 UTC"),
            8,
            "this update is dated 2026-11-28 10:02 UTC, after the build clock (2026-11-27 00:00 UTC)"
        },
        {
            "update after the incident was resolved",
            "incidents/x.md",
            Good + "\n## 2026-11-26 10:30 UTC — Resolved\nFixed.\n\n## 2026-11-26 10:45 UTC — Update\nAgain.\n",
            13,
            "this update comes after the incident was resolved (line 10)"
        },
        {
            "updates out of order",
            "incidents/x.md",
            Good + "\n## 2026-11-26 10:30 UTC — Identified\nFound.\n\n## 2026-11-26 10:20 UTC — Update\nMore.\n",
            13,
            "this update is out of order: the file lists updates oldest first"
        },
        {
            "maintenance ending before it starts",
            "maintenance/m.md",
            "---\ntitle: Database upgrade\ncomponents: [api]\nscheduled_for: 2026-12-09T04:00:00Z\nscheduled_until: 2026-12-09T02:00:00Z\n---\nWe upgrade the database.\n",
            5,
            "the window ends (2026-12-09 02:00 UTC) before it starts (2026-12-09 04:00 UTC); 'scheduled_until' must be after 'scheduled_for'"
        },
        {
            "malformed site.yml",
            "site.yml",
            "title: Acme Status\nbase_url: https://status.acme.example/\ncomponents:\n  - id: api\n    name: Public API\n   - id: web\n",
            6,
            "this is not valid YAML"
        },
        {
            "text before the first update",
            "incidents/x.md",
            Good.Replace("## 2026-11-26 10:02", "An intro.\n\n## 2026-11-26 10:02"),
            8,
            "text before the first update is not shown anywhere"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Content_error_is_reported_with_file_line_and_fix_and_nothing_is_written(string why, string file, string content, int line, string message)
    {
        using var site = TestSite.Create();
        site.Write("incidents/ok.md", Good);
        await site.BuildOkAsync();
        var before = TestSite.Snapshot(site.Output);

        site.Write(file, content);
        var result = await site.BuildAsync();

        Assert.False(result.Succeeded, why);
        var expected = $"input/{file}:{line}: {message}";
        Assert.True(
            result.Diagnostics.Any(d => d.ToString().StartsWith(expected, StringComparison.Ordinal)),
            $"{why}: expected a diagnostic starting with\n  {expected}\nbut got\n  {string.Join("\n  ", result.Diagnostics)}");

        var (exitCode, output) = CliRunner.Run(CliRunner.BuildArgs(site));
        Assert.Equal(1, exitCode);
        Assert.Contains($"{file}:{line}: {message}", output);
        Assert.Contains("nothing was written", output);

        var after = TestSite.Snapshot(site.Output);
        Assert.Equal(before.Keys, after.Keys);
        Assert.All(before, pair => Assert.True(pair.Value.AsSpan().SequenceEqual(after[pair.Key]), pair.Key));
    }

    [Fact]
    public async Task Same_id_in_two_folders_is_reported_on_the_second_file()
    {
        using var site = TestSite.Create();
        site.Write("incidents/2025/x.md", Good);
        site.Write("incidents/2026/x.md", Good);
        var result = await site.BuildAsync();

        Assert.False(result.Succeeded);
        Assert.Contains(result.Diagnostics, d => d.ToString() == "input/incidents/2026/x.md:1: incident id 'x' is already used by input/incidents/2025/x.md; ids are file names and must be unique, so rename one of the files");
        Assert.False(Directory.Exists(site.Output));
    }

    [Fact]
    public async Task All_errors_of_a_build_are_reported_together()
    {
        using var site = TestSite.Create();
        site.Write("incidents/a.md", Good.Replace("SEV2", "SEV9"));
        site.Write("incidents/b.md", Good.Replace("api:", "apx:"));
        site.Write("maintenance/m.md", "---\ntitle: M\nscheduled_for: 2026-12-09T04:00:00\nscheduled_until: 2026-12-09T05:00:00Z\n---\n");
        var result = await site.BuildAsync();

        var errors = result.Diagnostics.Select(d => d.ToString()).ToList();
        Assert.Contains(errors, e => e.StartsWith("input/incidents/a.md:3:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("input/incidents/b.md:5:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("input/maintenance/m.md:3:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Output_path_that_is_a_file_is_refused_and_left_alone()
    {
        using var site = TestSite.Create();
        site.Write("incidents/ok.md", Good);
        File.WriteAllText(site.Output, "not a folder");

        var refused = await Assert.ThrowsAsync<StatusSite.Publishing.OutputRefusedException>(() => site.BuildAsync());
        var (exitCode, output) = CliRunner.Run(CliRunner.BuildArgs(site));

        Assert.EndsWith("_site' is a file; a build replaces the whole --output folder, so give it a folder of its own, such as _site", refused.Message);
        Assert.Equal(2, exitCode);
        Assert.Contains("error: --output: ", output);
        Assert.Equal("not a folder", File.ReadAllText(site.Output));
        Assert.Empty(Directory.EnumerateDirectories(site.Root, ".*staging*"));
    }

    [Fact]
    public void Usage_error_exits_with_2()
    {
        var (exitCode, output) = CliRunner.Run("build", "--now", "yesterday");
        Assert.Equal(2, exitCode);
        Assert.Contains("--now: 'yesterday' is not a timestamp", output);
    }

    [Fact]
    public void A_now_outside_the_supported_years_is_a_usage_error()
    {
        var (exitCode, output) = CliRunner.Run("build", "--now", "9999-12-31T23:00:00Z");
        Assert.Equal(2, exitCode);
        Assert.Contains("--now: '9999-12-31T23:00:00Z' is outside the supported years 1970 to 8999; check the year", output);
    }

    [Fact]
    public async Task A_source_date_epoch_past_the_supported_years_is_a_usage_error()
    {
        using var site = TestSite.Create();
        var info = CliRunner.StartInfo(site.Root, "check", "--input", site.Input);
        info.Environment["SOURCE_DATE_EPOCH"] = "253402300800";
        using var process = System.Diagnostics.Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync() + await stderr;
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 2, $"exited {process.ExitCode}:\n{output}");
        Assert.Contains("SOURCE_DATE_EPOCH '253402300800' is outside the supported years 1970 to 8999", output);
    }

    [Fact]
    public async Task Successful_build_exits_0_and_prints_a_summary()
    {
        using var site = TestSite.Create();
        site.Write("incidents/ok.md", Good);
        var (exitCode, output) = CliRunner.Run(CliRunner.BuildArgs(site));

        Assert.Equal(0, exitCode);
        Assert.Matches(@"Built 1 incident and 0 maintenance windows into .*: \d+ pages, \d+ files", output);
        Assert.True(File.Exists(Path.Combine(site.Output, "incidents", "ok", "index.html")));
        await Task.CompletedTask;
    }
}
