using System.Diagnostics;
using StatusSite.Tests.Support;
using Xunit.Abstractions;

namespace StatusSite.Tests.Adoption;

/// <summary>
/// The adopter's path with the tool package built from this tree: install it from a local folder
/// (no network: the only package source is that folder), init a status repository, build it,
/// post an incident, build again.
/// </summary>
public sealed class ToolPackageTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "statussite-package-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public async Task The_packed_tool_installs_from_a_folder_and_builds_a_new_status_repository()
    {
        var packages = Path.Combine(_root, "packages");
        // The tree's tool, as the tests built it: packing publishes it and compiles its default theme into the package.
        await Run(TestSite.RepoRoot, "dotnet", ownPackageCache: false, "pack", Path.Combine("src", "StatusSite.Cli"), "--no-build", "-c", CliRunner.Configuration, "-o", packages,
            "-p:PublishDir=" + Path.Combine(_root, "publish") + Path.DirectorySeparatorChar, "-p:NuspecOutputPath=" + Path.Combine(_root, "nuspec") + Path.DirectorySeparatorChar);
        var package = Path.GetFileName(Assert.Single(Directory.GetFiles(packages, "StatusSite.Tool.*.nupkg")));
        var version = package["StatusSite.Tool.".Length..^".nupkg".Length];
        Assert.Equal(StatusSite.Cli.InitCommand.ToolVersion, version);
        File.WriteAllText(Path.Combine(_root, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{packages}" />
              </packageSources>
            </configuration>
            """);

        // From here on, what an adopter's machine does; timed as 'from nothing to a built site'.
        var clock = Stopwatch.StartNew();
        var tools = Path.Combine(_root, "tools");
        await Run(_root, "dotnet", "tool", "install", "StatusSite.Tool", "--tool-path", tools, "--version", version, "--configfile", Path.Combine(_root, "NuGet.config"));
        var statussite = Path.Combine(tools, OperatingSystem.IsWindows() ? "statussite.exe" : "statussite");
        var installed = clock.Elapsed;
        await Run(_root, statussite, "init", "mystatus", "--title", "Acme Status", "--base-url", "https://status.acme.example/", "--component", "api=API", "--component", "web=Website");
        var built = await Run(_root, statussite, "build", "--input", "mystatus/input");
        output.WriteLine($"install {installed.TotalSeconds:0.0} s, install + init + build {clock.Elapsed.TotalSeconds:0.0} s");

        Assert.Contains("Built 0 incidents", built.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", built.Output, StringComparison.Ordinal);
        foreach (var page in new[] { "index.html", "history/index.html", "components/api/index.html", "components/web/index.html", "feed.atom", "404.html" })
        {
            Assert.True(File.Exists(Path.Combine(_root, "_site", page)), page);
        }

        var declared = await Run(_root, statussite, "new", "incident", "--input", "mystatus/input", "--title", "Website unreachable", "--severity", "SEV1", "--component", "web=major_outage", "--next-update", "30m");
        Assert.Contains("website-unreachable.md", declared.Output, StringComparison.Ordinal);
        var rebuilt = await Run(_root, statussite, "build", "--input", "mystatus/input");
        Assert.Contains("Built 1 incident and", rebuilt.Output, StringComparison.Ordinal);
        Assert.Contains("Website unreachable", File.ReadAllText(Path.Combine(_root, "_site", "index.html")), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private Task<CliRun> Run(string workingDirectory, string command, params string[] args) => Run(workingDirectory, command, ownPackageCache: true, args);

    /// <param name="ownPackageCache">Install into a package cache of the test's own, so an earlier package of the same version is never reused.</param>
    private async Task<CliRun> Run(string workingDirectory, string command, bool ownPackageCache, params string[] args)
    {
        Directory.CreateDirectory(workingDirectory);
        var info = new ProcessStartInfo(command) { WorkingDirectory = workingDirectory };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        if (ownPackageCache)
        {
            info.Environment["NUGET_PACKAGES"] = Path.Combine(_root, "nuget-packages");
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["NO_COLOR"] = "1";
        info.Environment.Remove("SOURCE_DATE_EPOCH");
        var run = await CliRunner.RunAsync(info, TimeSpan.FromMinutes(5));
        Assert.True(run.ExitCode == 0, $"{command} {string.Join(' ', args)} exited with {run.ExitCode}:\n{run.Output}");
        return run;
    }
}
