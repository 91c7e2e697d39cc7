using StatusSite.Core;
using StatusSite.Reading;
using StatusSite.Tests.Support;

namespace StatusSite.Tests.Cli;

public sealed class InitCommandTests
{
    private static readonly string[] Written =
    [
        "input/site.yml", "input/incidents/.gitkeep", "input/maintenance/.gitkeep", "input/postmortems/.gitkeep",
        ".gitignore", "README.md", ".github/workflows/publish.yml", ".github/workflows/pull-request.yml",
        ".github/workflows/pull-request-comment.yml",
    ];

    [Fact]
    public async Task Init_writes_a_content_only_repository_that_builds_at_once()
    {
        using var site = TestSite.Create(siteYml: null);
        var repo = Path.Combine(site.Root, "mystatus");

        var run = CliRunner.Run("init", repo, "--title", "Acme Status", "--base-url", "https://status.acme.example/", "--component", "api=API", "--component", "web=Website");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Written.Order(StringComparer.Ordinal), Files(repo));
        var build = await SiteBuilder.BuildAsync(new BuildOptions(Path.Combine(repo, "input"), site.Output, TestSite.ThemeDir, TestSite.CacheDir, TestSite.Parse(TestSite.DefaultNow), DisplayRoot: "input"));
        Assert.True(build.Succeeded, string.Join("\n", build.Diagnostics));
        Assert.Empty(build.Diagnostics);
        Assert.Equal(["api", "web"], build.Model!.Components.Select(c => c.Id));
        Assert.Equal("Acme Status", build.Model.Settings.Title);
        Assert.Contains("Acme Status", File.ReadAllText(Path.Combine(repo, "README.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void Placeholders_build_but_check_flags_each_one()
    {
        using var site = TestSite.Create(siteYml: null);
        var repo = Path.Combine(site.Root, "mystatus");
        Assert.Equal(0, CliRunner.Run("init", repo).ExitCode);

        var check = CliRunner.Run("check", "--input", Path.Combine(repo, "input"), "--theme", TestSite.ThemeDir, "--format", "github");
        var build = CliRunner.Run("build", "--input", Path.Combine(repo, "input"), "--output", site.Output, "--theme", TestSite.ThemeDir, "--cache", TestSite.CacheDir);

        Assert.Equal(0, check.ExitCode);
        Assert.Equal(2, check.Lines.Count(l => l.StartsWith("::warning ", StringComparison.Ordinal) && l.Contains("title=statussite placeholder", StringComparison.Ordinal)));
        Assert.Contains(check.Lines, l => l.Contains("line=2,", StringComparison.Ordinal) && l.Contains("the title is still the placeholder 'Example Status'", StringComparison.Ordinal));
        Assert.Contains(check.Lines, l => l.Contains("line=3,", StringComparison.Ordinal) && l.Contains("base_url is still the placeholder", StringComparison.Ordinal));
        Assert.Equal(0, build.ExitCode);
        Assert.True(File.Exists(Path.Combine(site.Output, "index.html")));
        Assert.Equal(1, CliRunner.Run("check", "--input", Path.Combine(repo, "input"), "--theme", TestSite.ThemeDir, "--strict").ExitCode);
    }

    [Fact]
    public void A_folder_that_is_not_empty_is_refused_without_force_and_force_never_replaces_a_file()
    {
        using var site = TestSite.Create(siteYml: null);
        var repo = Path.Combine(site.Root, "mystatus");
        Directory.CreateDirectory(repo);
        File.WriteAllText(Path.Combine(repo, "README.md"), "ours\n");

        var refused = CliRunner.Run("init", repo);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("is not empty", refused.Output, StringComparison.Ordinal);
        Assert.Equal(["README.md"], Files(repo));

        var forced = CliRunner.Run("init", repo, "--force");
        Assert.Equal(0, forced.ExitCode);
        Assert.Equal("ours\n", File.ReadAllText(Path.Combine(repo, "README.md")));
        Assert.Contains("kept", forced.Output, StringComparison.Ordinal);
        Assert.Equal(Written.Order(StringComparer.Ordinal), Files(repo));
    }

    [Fact]
    public void A_repository_fresh_from_git_init_counts_as_empty()
    {
        using var site = TestSite.Create(siteYml: null);
        var repo = Path.Combine(site.Root, "mystatus");
        Directory.CreateDirectory(Path.Combine(repo, ".git"));

        Assert.Equal(0, CliRunner.Run("init", repo).ExitCode);
        Assert.True(File.Exists(Path.Combine(repo, "input", "site.yml")));
    }

    [Theory]
    [InlineData("--component", "api", "--component: 'api' is not id=name")]
    [InlineData("--component", "Public API=API", "--component: the id 'Public API' is not usable in an address")]
    [InlineData("--base-url", "status.acme.example", "--base-url: 'status.acme.example' is not an absolute web address")]
    [InlineData("--base-url", "javascript:alert(1)", "is not an absolute web address")]
    public void A_mistaken_option_is_a_usage_error_and_writes_nothing(string option, string value, string message)
    {
        using var site = TestSite.Create(siteYml: null);
        var repo = Path.Combine(site.Root, "mystatus");

        var run = CliRunner.Run("init", repo, option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(repo) && Directory.EnumerateFileSystemEntries(repo).Any());
    }

    [Fact]
    public void A_component_given_twice_is_a_usage_error()
    {
        using var site = TestSite.Create(siteYml: null);

        var run = CliRunner.Run("init", Path.Combine(site.Root, "x"), "--component", "api=API", "--component", "api=Other");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("the id 'api' is given twice", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_workflows_pin_this_tools_version_and_keep_pull_requests_away_from_the_site_theme()
    {
        using var site = TestSite.Create(siteYml: null);
        var repo = Path.Combine(site.Root, "mystatus");
        Assert.Equal(0, CliRunner.Run("init", repo).ExitCode);
        var version = StatusSite.Cli.InitCommand.ToolVersion;

        var publish = File.ReadAllText(Path.Combine(repo, ".github", "workflows", "publish.yml"));
        var pullRequest = File.ReadAllText(Path.Combine(repo, ".github", "workflows", "pull-request.yml"));
        var comment = File.ReadAllText(Path.Combine(repo, ".github", "workflows", "pull-request-comment.yml"));

        foreach (var workflow in new[] { publish, pullRequest, comment })
        {
            Assert.Contains($"/.github/actions/statussite@v{version}", workflow, StringComparison.Ordinal);
            Assert.Contains($"tool-version: \"{version}\"", workflow, StringComparison.Ordinal);
            Assert.DoesNotContain('%', workflow);
        }

        // Which token and which secret each job holds is checked in WorkflowSecurityTests.
        Assert.Contains("trust-site-theme: false", pullRequest, StringComparison.Ordinal);
        Assert.DoesNotContain("pull_request_target", pullRequest + comment, StringComparison.Ordinal);
        Assert.Contains("schedule:", publish, StringComparison.Ordinal);
        Assert.Contains("pages: write", publish, StringComparison.Ordinal);
    }

    private static List<string> Files(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
}
