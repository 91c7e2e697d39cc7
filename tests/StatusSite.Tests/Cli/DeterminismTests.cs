using StatusSite.Tests.Support;

namespace StatusSite.Tests.Cli;

public sealed class DeterminismTests
{
    /// <summary>
    /// Two runs of the built tool, as separate processes (each with its own hash seeds, thread timing
    /// and start time), on the same input at the same --now: every file of the two outputs is the same, byte for byte.
    /// </summary>
    [Fact]
    public async Task Two_processes_build_the_same_bytes()
    {
        using var site = TestSite.FromSample();
        var outputs = new[] { Path.Combine(site.Root, "first"), Path.Combine(site.Root, "second") };
        foreach (var output in outputs)
        {
            var run = await CliRunner.RunProcessAsync(site.Root, "build", "--input", site.Input, "--output", output, "--now", TestSite.DefaultNow, "--theme", TestSite.ThemeDir, "--cache", TestSite.CacheDir);
            Assert.True(run.ExitCode == 0, run.Output);
        }

        var first = TestSite.Snapshot(outputs[0]);
        var second = TestSite.Snapshot(outputs[1]);
        Assert.True(first.Count > 50, $"only {first.Count} files were built");
        Assert.Equal(first.Keys, second.Keys);
        Assert.All(first, pair => Assert.True(pair.Value.AsSpan().SequenceEqual(second[pair.Key]), $"{pair.Key} differs between the two runs"));
    }
}
