using System.Diagnostics;
using System.Text.Json;

namespace StatusSite.Benchmarks;

/// <summary>What the tool reports with --stats: stage times, sizes and its own peak memory.</summary>
public sealed record BuildStats(long ReadMs, long AnalyzeMs, long RenderAndWriteMs, long TotalMs, int Pages, int Files, long Bytes, long PeakWorkingSetBytes, int Gen0Collections, int Gen1Collections, int Gen2Collections, long GcPauseMs, long JitMethods, long JitMs);

/// <param name="ColdSeconds">An empty cache folder: the published tool's precompiled default theme is loaded.</param>
/// <param name="CompileSeconds">An empty cache folder and no precompiled theme: every template is compiled, as for a site that overrides them all.</param>
public sealed record Measurement(double WarmSeconds, double ColdSeconds, double CompileSeconds, BuildStats Stats, long LargestFileBytes, double PeakMegabytes);

/// <summary>Runs the built tool as a separate process, as a publish workflow would.</summary>
public static class Harness
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>
    /// Publishes the tool as the publish workflow does (Release, ReadyToRun for this machine) and
    /// returns its path: start-up is a large share of a build, so the shipped form is what is timed.
    /// </summary>
    public static string PublishTool(string repo, string work)
    {
        var output = Path.Combine(work, "tool");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = repo };
        foreach (var arg in new[] { "publish", Path.Combine("src", "StatusSite.Cli"), "-c", "Release", "-r", System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier, "--self-contained", "false", "-p:PublishReadyToRun=true", "-o", output })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"publishing the tool failed:\n{stdout.Result}\n{stderr.Result}");
        }

        return Path.Combine(output, "StatusSite.Cli.dll");
    }

    public static Measurement Measure(string tool, string repo, string work, string outputRoot, string input, string now, int runs)
    {
        var output = Path.Combine(outputRoot, "statussite-bench-out");
        if (Directory.Exists(output) && !File.Exists(Path.Combine(output, StatusSite.Publishing.OutputFolder.MarkerName)))
        {
            // The benchmark's own folder, left by a tool from before the output marker: the build would refuse it.
            Directory.Delete(output, recursive: true);
        }

        var warmCache = Path.Combine(work, "cache-warm");
        var stats = Path.Combine(work, "stats.json");
        Run(tool, repo, input, output, warmCache, now, stats);
        var warm = new List<double>();
        var peaks = new List<long>();
        BuildStats? last = null;
        for (var i = 0; i < runs; i++)
        {
            warm.Add(Run(tool, repo, input, output, warmCache, now, stats));
            last = JsonSerializer.Deserialize<BuildStats>(File.ReadAllText(stats), Json)!;
            peaks.Add(last.PeakWorkingSetBytes);
        }

        double ColdRun()
        {
            var coldCache = Path.Combine(work, "cache-cold");
            if (Directory.Exists(coldCache))
            {
                Directory.Delete(coldCache, recursive: true);
            }

            var seconds = Run(tool, repo, input, output, coldCache, now, stats);
            peaks.Add(JsonSerializer.Deserialize<BuildStats>(File.ReadAllText(stats), Json)!.PeakWorkingSetBytes);
            return seconds;
        }

        var cold = Enumerable.Range(0, runs).Select(_ => ColdRun()).ToList();

        // The same with the tool's precompiled theme moved away, so every template compiles.
        var shipped = Path.Combine(Path.GetDirectoryName(tool)!, "theme-cache");
        var moved = shipped + ".off";
        var compile = new List<double>();
        if (Directory.Exists(shipped))
        {
            Directory.Move(shipped, moved);
        }

        try
        {
            compile.AddRange(Enumerable.Range(0, runs).Select(_ => ColdRun()));
        }
        finally
        {
            if (Directory.Exists(moved))
            {
                Directory.Move(moved, shipped);
            }
        }

        var largest = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Max(f => new FileInfo(f).Length);
        return new Measurement(Median(warm), Median(cold), Median(compile), last!, largest, peaks.Max() / 1048576.0);
    }

    /// <summary>One whole build process; returns its wall time in seconds.</summary>
    private static double Run(string tool, string repo, string input, string output, string cache, string now, string stats)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = repo,
        };
        foreach (var arg in new[] { tool, "build", "--input", input, "--output", output, "--cache", cache, "--now", now, "--theme", Path.Combine(repo, "theme"), "--stats", stats })
        {
            start.ArgumentList.Add(arg);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        clock.Stop();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"build failed ({process.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
        }

        return clock.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StatusSite.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmark from inside the repository (StatusSite.sln not found).");
    }
}
