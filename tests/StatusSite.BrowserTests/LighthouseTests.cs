using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using StatusSite.BrowserTests.Support;
using Xunit.Abstractions;

namespace StatusSite.BrowserTests;

/// <summary>
/// The home page as Lighthouse scores it, served as GitHub Pages serves it (gzip-compressed text, loopback only):
/// 1.0 for accessibility, best practices and SEO, at least 0.98 for performance, and no layout shift, in both schemes.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LighthouseTests(SampleSite site, ITestOutputHelper output)
{
    private const string LighthouseVersion = "12.8.2";

    /// <summary>Headless, and nothing Chromium would fetch on its own (updates, sync, first-run pages).</summary>
    private const string ChromeFlags = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run";

    private static readonly string[] Categories = ["performance", "accessibility", "best-practices", "seo"];

    [Fact]
    public async Task Text_files_are_served_gzip_compressed_as_GitHub_Pages_serves_them()
    {
        using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None });
        http.DefaultRequestHeaders.AcceptEncoding.ParseAdd("gzip");
        foreach (var (name, served) in new[] { ("sample site", site.Sample), ("30 components", await site.ThirtyComponentsAsync()) })
        {
            var sizes = new Dictionary<string, long>();
            foreach (var path in new[] { "", "assets/site.css", "assets/site.js", "feed.atom", "history/" })
            {
                using var response = await http.GetAsync(new Uri(served.Origin, path));
                Assert.True(response.IsSuccessStatusCode, $"{name}: /{path} answers {response.StatusCode}");
                Assert.True(response.Content.Headers.ContentEncoding.SequenceEqual(["gzip"]), $"{name}: /{path} is not gzip-compressed");
                sizes[path] = (await response.Content.ReadAsByteArrayAsync()).Length;
            }

            // The budget itself is the fast suite's (PageWeightTests); this is what the wire carries, for the record.
            output.WriteLine($"{name}: home HTML {sizes[""]} B + CSS {sizes["assets/site.css"]} B = {sizes[""] + sizes["assets/site.css"]} B gzip on the wire");
        }
    }

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task Home_page_scores_full_marks_for_accessibility_best_practices_and_SEO_and_98_for_performance(ColorScheme scheme)
    {
        var lighthouse = FindLighthouse() ?? throw new InvalidOperationException(
            $"Lighthouse is not installed: run tests/run-all.sh, which installs it (npm install --prefix tests/.tools lighthouse@{LighthouseVersion}), or set LIGHTHOUSE to a lighthouse executable");
        var report = Path.Combine(SampleSite.ResultsFolder("lighthouse"), $"home-{scheme.ToString().ToLowerInvariant()}.report.json");
        File.Delete(report);

        // Lighthouse has no colour scheme option: the dark run asks Chromium itself for the dark scheme.
        var flags = scheme == ColorScheme.Dark ? ChromeFlags + " --force-dark-mode" : ChromeFlags;
        var start = new ProcessStartInfo(lighthouse)
        {
            ArgumentList =
            {
                site.Origin.ToString(), "--chrome-path=" + SampleSite.ChromiumPath, "--chrome-flags=" + flags,
                "--only-categories=" + string.Join(',', Categories), "--output=json", "--output-path=" + report,
                "--no-enable-error-reporting", "--quiet",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var (code, log) = await RunAsync(start, TimeSpan.FromMinutes(3));
        Assert.True(code == 0 && File.Exists(report), $"lighthouse exited with {code}:\n{log}");

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        var root = json.RootElement;
        Assert.False(root.TryGetProperty("runtimeError", out var error), $"Lighthouse could not measure the page: {error}");
        var audits = root.GetProperty("audits");
        var scores = Categories.ToDictionary(c => c, c => root.GetProperty("categories").GetProperty(c).GetProperty("score") is { ValueKind: JsonValueKind.Number } s ? s.GetDouble() : -1);
        var cls = audits.GetProperty("cumulative-layout-shift").GetProperty("numericValue").GetDouble();
        var weak = audits.EnumerateObject()
            .Where(a => a.Value.GetProperty("score") is { ValueKind: JsonValueKind.Number } s && s.GetDouble() < 0.9)
            .Select(a => $"{a.Name} {a.Value.GetProperty("score").GetDouble():0.00} {(a.Value.TryGetProperty("displayValue", out var v) ? v.GetString() : "")}");
        var summary = $"{scheme}: {string.Join(", ", scores.Select(s => $"{s.Key} {s.Value:0.00}"))}, CLS {cls} (report {report}); below 0.9: {string.Join("; ", weak)}";
        output.WriteLine(summary);

        // What Lighthouse saw last is in the scheme asked for, and came compressed.
        Assert.Equal(scheme == ColorScheme.Dark, await FinalScreenshotLuminanceAsync(audits) < 0.3);
        Assert.Equal(1, audits.GetProperty("uses-text-compression").GetProperty("score").GetDouble());

        Assert.True(scores["accessibility"] == 1 && scores["best-practices"] == 1 && scores["seo"] == 1 && scores["performance"] >= 0.98 && cls == 0, summary);
    }

    /// <summary>Mean relative luminance (0 black … 1 white) of the page as Lighthouse last saw it.</summary>
    private async Task<double> FinalScreenshotLuminanceAsync(JsonElement audits)
    {
        var image = audits.GetProperty("final-screenshot").GetProperty("details").GetProperty("data").GetString()!;
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        return await page.EvaluateAsync<double>("""
            async src => {
              const img = new Image(); img.src = src; await img.decode();
              const canvas = document.createElement('canvas'); canvas.width = img.width; canvas.height = img.height;
              const g = canvas.getContext('2d'); g.drawImage(img, 0, 0);
              const d = g.getImageData(0, 0, img.width, img.height).data;
              let sum = 0;
              for (let i = 0; i < d.length; i += 4) sum += (0.2126 * d[i] + 0.7152 * d[i + 1] + 0.0722 * d[i + 2]) / 255;
              return sum / (d.length / 4);
            }
            """, image);
    }

    private static string? FindLighthouse()
    {
        if (Environment.GetEnvironmentVariable("LIGHTHOUSE") is { Length: > 0 } configured)
        {
            return configured;
        }

        var local = Path.Combine(ServedSite.RepoRoot, "tests", ".tools", "node_modules", ".bin", "lighthouse");
        return File.Exists(local) ? local : null;
    }

    private static async Task<(int Code, string Log)> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {timeout}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
