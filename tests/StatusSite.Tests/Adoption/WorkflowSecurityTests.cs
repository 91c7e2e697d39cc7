using System.Diagnostics;
using System.Text.RegularExpressions;
using StatusSite.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace StatusSite.Tests.Adoption;

/// <summary>
/// The workflows 'statussite init' writes, read as YAML: who holds which token, where each secret goes, and
/// that nothing from a pull request runs with a token that can write. The scripts that handle untrusted
/// data (the pull-request number) or push (the metric data) are run with bash against stand-ins.
/// </summary>
public sealed partial class WorkflowSecurityTests : IDisposable
{
    private const string ActionPath = "/.github/actions/statussite@";

    private readonly TestSite site = TestSite.Create(siteYml: null);

    public WorkflowSecurityTests()
    {
        Assert.Equal(0, CliRunner.Run("init", Repo).ExitCode);
    }

    private string Repo => Path.Combine(site.Root, "mystatus");

    public void Dispose() => site.Dispose();

    [Fact]
    public void The_pull_request_check_has_a_read_only_token_no_secret_and_no_site_theme()
    {
        var text = Text("pull-request.yml");
        var workflow = Load("pull-request.yml");

        Assert.Equal(["pull_request"], Keys(Map(workflow, "on")));
        Assert.DoesNotContain("secrets.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("github.token", text, StringComparison.Ordinal);
        Assert.DoesNotContain("GITHUB_TOKEN", text, StringComparison.Ordinal);
        Assert.All(Permissions(workflow), p => Assert.Equal("read", p.Value));
        foreach (var (name, job) in Jobs(workflow))
        {
            Assert.All(Permissions(job), p => Assert.True(p.Value == "read", $"{name}: {p.Key}: {p.Value}"));
            foreach (var step in Steps(job))
            {
                if (Uses(step).StartsWith("actions/checkout@", StringComparison.Ordinal))
                {
                    Assert.Equal("false", With(step, "persist-credentials"));
                }

                if (Uses(step).Contains(ActionPath, StringComparison.Ordinal))
                {
                    Assert.Equal("false", With(step, "trust-site-theme"));
                }
            }
        }

        // The comment is only written here, never posted.
        var write = Assert.Single(Steps(Jobs(workflow)["check"]), s => Run(s).Contains("pr-comment", StringComparison.Ordinal));
        Assert.Contains("--body-out statussite-comment/comment.md", Run(write), StringComparison.Ordinal);
        Assert.DoesNotContain("--body-file", Run(write), StringComparison.Ordinal);
        Assert.Contains(Steps(Jobs(workflow)["check"]), s => Uses(s).StartsWith("actions/upload-artifact@", StringComparison.Ordinal) && With(s, "name") == "statussite-comment");
    }

    [Fact]
    public void The_comment_workflow_never_checks_out_builds_or_runs_anything_from_the_pull_request()
    {
        var workflow = Load("pull-request-comment.yml");
        var on = Map(workflow, "on");

        Assert.Equal(["workflow_run"], Keys(on));
        var trigger = Map(on, "workflow_run");
        Assert.Equal([Scalar(Load("pull-request.yml"), "name")!], Sequence(trigger, "workflows"));
        Assert.Equal(["completed"], Sequence(trigger, "types"));
        Assert.Empty(Permissions(workflow));

        var (name, job) = Assert.Single(Jobs(workflow));
        Assert.Equal(new Dictionary<string, string> { ["actions"] = "read", ["pull-requests"] = "write" }, Permissions(job));
        Assert.Contains("github.event.workflow_run.event == 'pull_request'", Scalar(job, "if"), StringComparison.Ordinal);
        foreach (var step in Steps(job))
        {
            var uses = Uses(step);
            Assert.False(uses.StartsWith("actions/checkout@", StringComparison.Ordinal), $"{name} checks out code");
            Assert.False(uses.StartsWith("./", StringComparison.Ordinal), $"{name} runs an action from the checkout");
            if (uses.Contains(ActionPath, StringComparison.Ordinal))
            {
                Assert.Equal("true", With(step, "install-only"));
                Assert.Null(With(step, "input"));
            }
        }

        var post = Assert.Single(Steps(job), s => Run(s).Length > 0);
        // Posts the prepared text; never builds the pull request's content (--base would read it).
        Assert.Contains("statussite github pr-comment --body-file \"$COMMENT/comment.md\" --pr \"$pr\"", Run(post), StringComparison.Ordinal);
        Assert.DoesNotContain("--base", Run(post), StringComparison.Ordinal);
        // The artifact's files are only read as text: the number by head, the comment by the command.
        Assert.Equal(2, Regex.Count(Run(post), @"\$COMMENT"));
        Assert.Equal(["head -c 16 \"$COMMENT/pr-number\"", "--body-file \"$COMMENT/comment.md\""], ArtifactRead().Matches(Run(post)).Select(m => m.Value));
        Assert.DoesNotMatch(Evaluates(), Run(post));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-12")]
    [InlineData("12a")]
    [InlineData("12 13")]
    [InlineData("12345678901")]
    [InlineData("$(touch pwned)")]
    [InlineData("12; touch pwned")]
    [InlineData("../12")]
    public async Task A_pull_request_number_that_is_not_a_plain_number_posts_nothing(string number)
    {
        var run = await PostComment(number + "\n", headOnGitHub: "abc123 fork/status");

        Assert.Equal(1, run.Exit.ExitCode);
        Assert.Contains("::error::the pull-request number in the statussite-comment artifact is not a number", run.Exit.Output, StringComparison.Ordinal);
        Assert.Empty(run.Calls);
        Assert.False(File.Exists(Path.Combine(site.Root, "pwned")));
    }

    [Theory]
    [InlineData("def456 fork/status")] // a newer push, or another pull request's head
    [InlineData("abc123 someone/else")] // the same commit from another repository
    [InlineData("abc123 ")] // the fork is gone
    public async Task A_pull_request_whose_head_is_not_the_checked_commit_posts_nothing(string headOnGitHub)
    {
        var run = await PostComment("12\n", headOnGitHub);

        Assert.Equal(0, run.Exit.ExitCode);
        Assert.Contains("::notice::pull request #12 is no longer at the commit this comment describes", run.Exit.Output, StringComparison.Ordinal);
        Assert.Equal(["gh api repos/acme/status/pulls/12 --jq .head.sha + \" \" + (.head.repo.full_name // \"\")"], run.Calls);
    }

    [Fact]
    public async Task A_pull_request_github_does_not_know_posts_nothing()
    {
        var run = await PostComment("12\n", null);

        Assert.NotEqual(0, run.Exit.ExitCode);
        Assert.Single(run.Calls);
    }

    [Fact]
    public async Task The_checked_pull_request_gets_the_prepared_comment()
    {
        var run = await PostComment("12\n", "abc123 fork/status");

        Assert.Equal(0, run.Exit.ExitCode);
        Assert.Equal(2, run.Calls.Count);
        Assert.Equal($"statussite github pr-comment --body-file {run.Folder}/comment.md --pr 12", run.Calls[1]);
    }

    [Fact]
    public void Each_publish_job_has_only_the_permissions_it_needs()
    {
        var workflow = Load("publish.yml");
        string[] read = ["contents=read"];
        var expected = new Dictionary<string, string[]>
        {
            ["metrics"] = ["contents=write"],
            ["build"] = read,
            ["deploy"] = ["id-token=write", "pages=write"],
            ["notify"] = read,
            ["tickets"] = ["contents=read", "issues=write"],
            ["remind"] = ["contents=read", "issues=write"],
        };

        Assert.Empty(Permissions(workflow));
        var jobs = Jobs(workflow);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), jobs.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, job) in jobs)
        {
            Assert.Equal(expected[name], Permissions(job).Select(p => $"{p.Key}={p.Value}").Order(StringComparer.Ordinal));
            foreach (var step in Steps(job).Where(s => Uses(s).StartsWith("actions/checkout@", StringComparison.Ordinal)))
            {
                // Only the job that pushes keeps the token in its checkout.
                Assert.Equal(name == "metrics" ? null : "false", With(step, "persist-credentials"));
            }
        }

        Assert.Single(jobs, j => Steps(j.Value).Any(s => Run(s).Contains("git push", StringComparison.Ordinal)));
        Assert.Contains("git push", Run(Steps(jobs["metrics"]).Single(s => Scalar(s, "id") == "commit")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("metrics", "statussite metrics pull", "DD_API_KEY NEW_RELIC_API_KEY")]
    [InlineData("notify", "statussite notify --base \"$BEFORE\"", "SLACK_WEBHOOK_URL TEAMS_WEBHOOK_URL STATUS_WEBHOOK_URLS")]
    public void Metrics_and_notify_run_only_when_their_secrets_are_set(string jobName, string command, string gatingSecrets)
    {
        var job = Jobs(Load("publish.yml"))[jobName];

        // A step's if cannot read secrets; the job's env says whether they are set, never their value.
        var env = Map(job, "env");
        var gate = Assert.Single(Keys(env));
        var configured = Scalar(env, gate)!;
        Assert.Equal("${{ " + string.Join(" || ", gatingSecrets.Split(' ').Select(s => $"secrets.{s} != ''")) + " }}", configured);
        Assert.All(Steps(job), step => Assert.Equal($"env.{gate} == 'true'", Scalar(step, "if")));
        Assert.Single(Steps(job), s => Run(s) == command);
    }

    [Fact]
    public void A_secret_reaches_only_the_step_that_runs_the_command_using_it()
    {
        var workflow = Load("publish.yml");
        var received = new List<string>();
        foreach (var (name, job) in Jobs(workflow))
        {
            // A job's env, which every step (and every action) sees, only says whether a secret is set.
            var jobEnv = job.Children.TryGetValue("env", out var jobEnvNode) ? Flatten(jobEnvNode) : "";
            Assert.Equal(Regex.Count(jobEnv, @"secrets\."), SecretTest().Matches(jobEnv).Count);
            foreach (var step in Steps(job))
            {
                var env = step.Children.TryGetValue("env", out var node) ? (YamlMappingNode)node : new YamlMappingNode();
                foreach (var (key, value) in env.Children.Select(c => (((YamlScalarNode)c.Key).Value!, ((YamlScalarNode)c.Value).Value!)))
                {
                    if (value.Contains("secrets.", StringComparison.Ordinal))
                    {
                        Assert.Equal($"${{{{ secrets.{key} }}}}", value);
                        Assert.StartsWith("statussite ", Run(step), StringComparison.Ordinal);
                        received.Add($"{name}:{key}");
                    }
                }

                Assert.DoesNotContain("secrets.", Run(step), StringComparison.Ordinal);
                Assert.DoesNotContain("secrets.", step.Children.TryGetValue("with", out var with) ? Flatten(with) : "", StringComparison.Ordinal);
            }
        }

        Assert.Equal(
            [
                "metrics:DD_API_KEY", "metrics:DD_APP_KEY", "metrics:NEW_RELIC_API_KEY",
                "notify:SLACK_WEBHOOK_URL", "notify:TEAMS_WEBHOOK_URL", "notify:STATUS_WEBHOOK_URLS",
                "tickets:JIRA_USER_EMAIL", "tickets:JIRA_API_TOKEN",
            ],
            received);
    }

    [Fact]
    public void Metrics_come_before_the_build_and_the_announcements_tickets_and_reminders_after_the_deploy()
    {
        var jobs = Jobs(Load("publish.yml"));

        Assert.Equal("metrics", Scalar(jobs["build"], "needs"));
        Assert.Equal("${{ needs.metrics.outputs.ref || github.sha }}", With(Steps(jobs["build"])[0], "ref"));
        // A skipped or failed metrics job never stops the publish; a failed pull never stops the commit.
        Assert.StartsWith("!cancelled() &&", Scalar(jobs["build"], "if"), StringComparison.Ordinal);
        Assert.Equal("true", Scalar(Steps(jobs["metrics"]).Single(s => Run(s) == "statussite metrics pull"), "continue-on-error"));
        Assert.Equal("github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'", Scalar(jobs["metrics"], "if"));

        foreach (var name in new[] { "notify", "tickets", "remind" })
        {
            Assert.Equal("deploy", Scalar(jobs[name], "needs"));
            Assert.StartsWith("!cancelled() && needs.deploy.result == 'success' && ", Scalar(jobs[name], "if")!.Replace("${{ ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }

        Assert.Contains("github.event_name == 'push'", Scalar(jobs["notify"], "if"), StringComparison.Ordinal);
        Assert.Contains("github.event.before != '0000000000000000000000000000000000000000'", Scalar(jobs["notify"], "if"), StringComparison.Ordinal);
        Assert.Equal("0", With(Steps(jobs["notify"])[0], "fetch-depth"));
        Assert.Equal("${{ github.event.before }}", Scalar(Map(Steps(jobs["notify"]).Single(s => Run(s).Length > 0), "env"), "BEFORE"));
        Assert.Single(Steps(jobs["tickets"]), s => Run(s) == "statussite tickets sync");
        Assert.Single(Steps(jobs["remind"]), s => Run(s) == "statussite github remind");
    }

    /// <summary>Every value from a context reaches a script through env: text spliced into a script runs as code.</summary>
    [Fact]
    public void No_run_script_splices_an_expression_into_its_text()
    {
        var files = Directory.GetFiles(Path.Combine(Repo, ".github", "workflows"), "*.yml")
            .Concat(Directory.GetFiles(Path.Combine(TestSite.RepoRoot, ".github", "workflows"), "*.yml"))
            .ToList();
        Assert.Contains(files, f => f.EndsWith("pull-request-comment.yml", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("release.yml", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var yaml = new YamlStream();
            yaml.Load(new StringReader(File.ReadAllText(file)));
            foreach (var job in Jobs((YamlMappingNode)yaml.Documents[0].RootNode).Values)
            {
                Assert.All(Steps(job), step => Assert.DoesNotContain("${{", Run(step), StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task The_metric_data_is_committed_and_pushed_once_and_no_new_data_commits_nothing()
    {
        var origin = Path.Combine(site.Root, "origin.git");
        var seed = Path.Combine(site.Root, "seed");
        Git(site.Root, "init", "-q", "--bare", "-b", "main", origin);
        Git(site.Root, "clone", "-q", origin, seed);
        Directory.CreateDirectory(Path.Combine(seed, "input"));
        File.WriteAllText(Path.Combine(seed, "input", "site.yml"), "title: x\n");
        Git(seed, "add", "-A");
        Git(seed, "commit", "-qm", "seed");
        Git(seed, "push", "-q", "origin", "HEAD:main");

        // As actions/checkout leaves it: one commit deep, on the branch.
        var work = Path.Combine(site.Root, "work");
        Git(site.Root, "clone", "-q", "--depth", "1", "file://" + origin, work);
        var seeded = GitOutput(work, "rev-parse", "HEAD");
        // A pull that wrote no file (no metric yet, or every source failed) commits nothing.
        var none = await CommitMetrics(work);
        Assert.True(none.Exit.ExitCode == 0, none.Exit.Output);
        Assert.Equal(seeded, none.Ref);

        // What 'metrics pull' writes.
        Directory.CreateDirectory(Path.Combine(work, "input", "metrics"));
        File.WriteAllText(Path.Combine(work, "input", "metrics", "api-latency.json"), "{\"schema\":1}\n");
        // Meanwhile someone pushes an incident update: the push must rebase onto it.
        File.WriteAllText(Path.Combine(seed, "input", "update.md"), "news\n");
        Git(seed, "add", "-A");
        Git(seed, "commit", "-qm", "an update");
        Git(seed, "push", "-q", "origin", "HEAD:main");

        var first = await CommitMetrics(work);
        var second = await CommitMetrics(work);

        Assert.True(first.Exit.ExitCode == 0, first.Exit.Output);
        Assert.Equal(GitOutput(origin, "rev-parse", "main"), first.Ref);
        Assert.Equal("Metrics: data pulled by the publish workflow", GitOutput(origin, "log", "-1", "--format=%s", "main"));
        Assert.Equal("github-actions[bot]", GitOutput(origin, "log", "-1", "--format=%an", "main"));
        Assert.Equal("{\"schema\":1}\n", GitOutput(origin, "show", "main:input/metrics/api-latency.json") + "\n");
        Assert.Equal("news", GitOutput(origin, "show", "main:input/update.md"));
        Assert.True(second.Exit.ExitCode == 0, second.Exit.Output);
        Assert.Equal(first.Ref, second.Ref);
        Assert.Equal("3", GitOutput(origin, "rev-list", "--count", "main"));
    }

    /// <summary>Runs the comment workflow's last step; <paramref name="headOnGitHub"/> is what the API says of the pull request (null: 404).</summary>
    private async Task<(CliRun Exit, List<string> Calls, string Folder)> PostComment(string number, string? headOnGitHub)
    {
        var folder = Path.Combine(site.Root, "artifact");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "pr-number"), number);
        File.WriteAllText(Path.Combine(folder, "comment.md"), "the comment\n");
        var calls = Path.Combine(site.Root, "calls");
        var gh = headOnGitHub is null ? "echo 'gh: Not Found (HTTP 404)' >&2; exit 1" : $"printf '%s\\n' '{headOnGitHub}'";
        var standIns = StandIns(calls, ("gh", gh), ("statussite", "true"));
        var step = Steps(Jobs(Load("pull-request-comment.yml"))["comment"]).Single(s => Scalar(s, "name") == "Post the comment");

        var exit = await Bash(standIns + Run(step), new()
        {
            ["COMMENT"] = folder,
            ["HEAD_SHA"] = "abc123",
            ["HEAD_REPOSITORY"] = "fork/status",
            ["GITHUB_REPOSITORY"] = "acme/status",
            ["GITHUB_TOKEN"] = "token",
        });
        return (exit, File.Exists(calls) ? File.ReadAllLines(calls).ToList() : [], folder);
    }

    private async Task<(CliRun Exit, string? Ref)> CommitMetrics(string work)
    {
        var output = Path.Combine(site.Root, "github-output");
        File.WriteAllText(output, "");
        var step = Steps(Jobs(Load("publish.yml"))["metrics"]).Single(s => Scalar(s, "id") == "commit");
        var exit = await Bash(Run(step), new() { ["GITHUB_REF_NAME"] = "main", ["GITHUB_OUTPUT"] = output }, work);
        return (exit, File.ReadAllLines(output).Select(l => l.Split('=', 2)).Where(p => p[0] == "ref").Select(p => p[1]).LastOrDefault());
    }

    /// <summary>Shell functions standing in for commands: each logs its command line to <paramref name="log"/>, then runs its body.</summary>
    private static string StandIns(string log, params (string Name, string Body)[] commands) =>
        string.Concat(commands.Select(c => $"{c.Name}() {{\n  echo \"{c.Name} $*\" >> '{log}'\n  {c.Body}\n}}\n"));

    /// <summary>Runs a step's script as GitHub runs a bash step, with no user or system git configuration.</summary>
    private async Task<CliRun> Bash(string script, Dictionary<string, string> env, string? workingDirectory = null)
    {
        var path = Path.Combine(site.Root, "step.sh");
        File.WriteAllText(path, script);
        var info = new ProcessStartInfo("bash") { WorkingDirectory = workingDirectory ?? site.Root };
        foreach (var a in new[] { "--noprofile", "--norc", "-e", "-o", "pipefail", path })
        {
            info.ArgumentList.Add(a);
        }

        var home = Path.Combine(site.Root, "home");
        Directory.CreateDirectory(home);
        info.Environment["HOME"] = home;
        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        foreach (var (key, value) in env)
        {
            info.Environment[key] = value;
        }

        return await CliRunner.RunAsync(info, TimeSpan.FromMinutes(1));
    }

    private static void Git(string folder, params string[] args)
    {
        var run = GitRun(folder, ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", .. args]);
        Assert.True(run.ExitCode == 0, run.Output);
    }

    private static string GitOutput(string folder, params string[] args)
    {
        var run = GitRun(folder, args);
        Assert.True(run.ExitCode == 0, run.Output);
        return run.Output.TrimEnd('\n');
    }

    private static CliRun GitRun(string folder, string[] args)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = folder };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        return CliRunner.RunAsync(info, TimeSpan.FromMinutes(1)).GetAwaiter().GetResult();
    }

    private string Text(string workflow) => File.ReadAllText(Path.Combine(Repo, ".github", "workflows", workflow));

    private YamlMappingNode Load(string workflow)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(Text(workflow)));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static Dictionary<string, YamlMappingNode> Jobs(YamlMappingNode workflow) =>
        Map(workflow, "jobs").Children.ToDictionary(j => ((YamlScalarNode)j.Key).Value!, j => (YamlMappingNode)j.Value);

    private static List<YamlMappingNode> Steps(YamlMappingNode job) =>
        ((YamlSequenceNode)job["steps"]).Cast<YamlMappingNode>().ToList();

    /// <summary>A node's permissions, key → level; {} and a missing key are none.</summary>
    private static Dictionary<string, string> Permissions(YamlMappingNode node) =>
        node.Children.TryGetValue("permissions", out var permissions)
            ? ((YamlMappingNode)permissions).Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value!)
            : [];

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node[key];

    private static List<string> Keys(YamlMappingNode node) => node.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList();

    private static List<string> Sequence(YamlMappingNode node, string key) =>
        ((YamlSequenceNode)node[key]).Select(n => ((YamlScalarNode)n).Value!).ToList();

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) ? ((YamlScalarNode)value).Value : null;

    private static string Uses(YamlMappingNode step) => Scalar(step, "uses") ?? "";

    private static string Run(YamlMappingNode step) => (Scalar(step, "run") ?? "").TrimEnd('\n');

    private static string? With(YamlMappingNode step, string key) =>
        step.Children.TryGetValue("with", out var with) ? Scalar((YamlMappingNode)with, key) : null;

    private static string Flatten(YamlNode node) => string.Join("\n", node.AllNodes.OfType<YamlScalarNode>().Select(s => s.Value));

    [GeneratedRegex(@"secrets\.[A-Z_]+ != ''")]
    private static partial Regex SecretTest();

    [GeneratedRegex(@"(head -c 16|--body-file) ""\$COMMENT/[a-z.-]+""")]
    private static partial Regex ArtifactRead();

    /// <summary>A script word that runs a file or evaluates text.</summary>
    [GeneratedRegex(@"(^|[\s;|&(])(\.|source|eval|exec|bash|sh|chmod)\s", RegexOptions.Multiline)]
    private static partial Regex Evaluates();
}
