using System.Reflection;
using StatusSite.Cli;
using StatusSite.Tests.Support;

namespace StatusSite.Tests.Cli;

/// <summary>Mistakes in the command line itself: exit code 2 with a message that says what to write, never a stack trace.</summary>
public sealed class CommandLineTests
{
    private static readonly string Open = Incidents.File(
        "title: Elevated API error rates\nseverity: SEV2\ncomponents:\n  api: partial_outage",
        Incidents.Update("2026-11-26 10:02 UTC", "Investigating", "We are investigating."));

    private static void AssertUsageError(CliRun run, string message)
    {
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: " + message, run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelt_build_option_is_refused_with_did_you_mean_and_writes_no_default_site()
    {
        using var site = TestSite.Create();

        var run = await CliRunner.RunProcessAsync(site.Root, "build", "--ouput", "site", "--now", TestSite.DefaultNow, "--theme", TestSite.ThemeDir, "--cache", TestSite.CacheDir);

        AssertUsageError(run, "unknown option '--ouput' (did you mean '--output'?); see 'statussite build --help' for the options it takes");
        Assert.False(Directory.Exists(Path.Combine(site.Root, "_site")));
        Assert.False(Directory.Exists(Path.Combine(site.Root, "site")));
    }

    public static TheoryData<string[], string> MisspeltOptions => new()
    {
        { ["build", "--input", "{input}", "--output", "{output}", "--now", TestSite.DefaultNow, "--theme", TestSite.ThemeDir, "--cache", TestSite.CacheDir, "--stat", "stats.json"], "unknown option '--stat' (did you mean '--stats'?); see 'statussite build --help'" },
        { ["check", "--input", "{input}", "--strcit"], "unknown option '--strcit' (did you mean '--strict'?); see 'statussite check --help'" },
        { ["serve", "--input", "{input}", "--port", "70000", "--prot", "0"], "unknown option '--prot' (did you mean '--port'?); see 'statussite serve --help'" },
        { ["new", "incident", "--input", "{input}", "--titel", "Errors"], "unknown option '--titel' (did you mean '--title'?); see 'statussite new incident --help'" },
        { ["new", "maintenance", "--input", "{input}", "--title", "Upgrade", "--form", "2026-12-09T02:00:00Z"], "unknown option '--form' (did you mean '--from'?); see 'statussite new maintenance --help'" },
        { ["new", "postmortem", "api", "--input", "{input}", "--Input", "x"], "unknown option '--Input' (did you mean '--input'?); see 'statussite new postmortem --help'" },
        { ["update", "api", "--input", "{input}", "--stauts", "identified", "--message", "Found it."], "unknown option '--stauts' (did you mean '--status'?); see 'statussite update --help'" },
        { ["resolve", "api", "--input", "{input}", "--mesage", "Fixed."], "unknown option '--mesage' (did you mean '--message'?); see 'statussite resolve --help'" },
        { ["compile-theme", "--theme", TestSite.ThemeDir, "--cache", TestSite.CacheDir, "--thme", "x"], "unknown option '--thme' (did you mean '--theme'?); see 'statussite compile-theme --help'" },
        { ["build", "--input", "{input}", "--output", "{output}", "-x"], "unknown option '-x'; see 'statussite build --help'" },
    };

    [Theory]
    [MemberData(nameof(MisspeltOptions))]
    public void Every_command_refuses_an_unknown_option_and_names_the_closest_one(string[] args, string message)
    {
        using var site = TestSite.Create();
        site.Write("incidents/api.md", Open);
        var before = TestSite.Snapshot(site.Root);

        var run = CliRunner.Run([.. args.Select(a => a.Replace("{input}", site.Input, StringComparison.Ordinal).Replace("{output}", site.Output, StringComparison.Ordinal))]);

        AssertUsageError(run, message);
        Assert.Equal(before, TestSite.Snapshot(site.Root));
    }

    [Fact]
    public void Arguments_after_double_dash_are_refused_as_unexpected()
    {
        using var site = TestSite.Create();

        var run = CliRunner.Run([.. CliRunner.BuildArgs(site), "--", "extra"]);

        AssertUsageError(run, "unexpected argument 'extra'; see 'statussite build --help' for the arguments it takes");
        Assert.False(Directory.Exists(site.Output));
    }

    [Theory]
    [InlineData("build", "--output", "{output}")]
    [InlineData("check")]
    [InlineData("new", "incident", "--title", "Errors", "--severity", "SEV2")]
    [InlineData("update", "api", "--status", "identified", "--message", "Found it.")]
    [InlineData("resolve", "api")]
    [InlineData("new", "postmortem", "api")]
    [InlineData("serve", "--port", "0")]
    public void An_empty_input_option_is_a_usage_error_not_a_crash(params string[] args)
    {
        using var site = TestSite.Create();

        var run = CliRunner.Run([.. args.Select(a => a.Replace("{output}", site.Output, StringComparison.Ordinal)), "--input", ""]);

        AssertUsageError(run, "--input is empty; name the content folder, such as --input input, or leave the option out");
    }

    [Theory]
    [InlineData("build")]
    [InlineData("check")]
    [InlineData("compile-theme")]
    public void An_empty_theme_option_says_it_is_empty(string command)
    {
        using var site = TestSite.Create();

        var run = CliRunner.Run(command == "compile-theme"
            ? [command, "--theme", " ", "--cache", TestSite.CacheDir]
            : [command, "--input", site.Input, "--theme", "", "--now", TestSite.DefaultNow]);

        AssertUsageError(run, "--theme is empty; name the theme folder, such as --theme theme, or leave the option out for the default");
    }

    [Fact]
    public void Version_prints_the_tools_informational_version()
    {
        var version = typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        var run = CliRunner.Run("--version");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(version, run.Output.Trim());
    }

    [Fact]
    public void Next_update_timestamp_without_a_zone_says_to_add_one()
    {
        using var site = TestSite.Create();

        var run = CliRunner.Run("new", "incident", "--input", site.Input, "--title", "Errors", "--severity", "SEV2", "--next-update", "2026-12-06T13:00:00");

        AssertUsageError(run, "--next-update: timestamp '2026-12-06T13:00:00' has no time zone; add 'Z' for UTC");
        Assert.False(Directory.Exists(Path.Combine(site.Input, "incidents")));
    }

    [Fact]
    public void Next_update_that_is_neither_a_duration_nor_a_timestamp_says_both_forms()
    {
        using var site = TestSite.Create();

        var run = CliRunner.Run("new", "incident", "--input", site.Input, "--title", "Errors", "--severity", "SEV2", "--next-update", "soon");

        AssertUsageError(run, "--next-update: 'soon' is neither a duration (30m, 1h) nor a timestamp");
    }

    [Fact]
    public void Update_status_offers_only_what_update_posts_and_points_resolved_to_the_resolve_command()
    {
        using var site = TestSite.Create();
        site.Write("incidents/api.md", Open);

        var unknown = CliRunner.Run("update", "api", "--input", site.Input, "--status", "fixed", "--message", "Done.");
        var resolved = CliRunner.Run("update", "api", "--input", site.Input, "--status", "resolved", "--message", "Done.");
        var help = CliRunner.Run("update", "--help");

        AssertUsageError(unknown, "--status: unknown value 'fixed'; write one of 'investigating', 'identified', 'monitoring' or 'update'");
        AssertUsageError(resolved, "--status resolved: update does not resolve; use 'statussite resolve api'");
        Assert.Contains(help.Lines, line => line.Contains("--status <STATUS>", StringComparison.Ordinal) && line.Contains("To resolve, use 'statussite resolve <ID>'", StringComparison.Ordinal));
        Assert.Equal(Open, File.ReadAllText(Path.Combine(site.Input, "incidents", "api.md")));
    }

    [Fact]
    public void Counts_in_messages_agree_with_their_number()
    {
        using var site = TestSite.Create();
        site.Write("incidents/api.md", Open);

        var built = CliRunner.Run(CliRunner.BuildArgs(site));
        site.Write("incidents/api.md", Open.Replace("api: partial_outage", "apii: partial_outage", StringComparison.Ordinal));
        var failed = CliRunner.Run(CliRunner.BuildArgs(site));
        var check = CliRunner.Run("check", "--input", site.Input, "--now", TestSite.DefaultNow, "--theme", TestSite.ThemeDir);

        Assert.Matches(@"^Built 1 incident and 0 maintenance windows into .*: \d+ pages, \d+ files, ", built.Lines.Last());
        Assert.Contains("Build failed with 1 error; nothing was written", failed.Output, StringComparison.Ordinal);
        Assert.Contains("1 error and 0 warnings in 1 file.", check.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("(s)", built.Output + failed.Output + check.Output, StringComparison.Ordinal);
    }
}
