using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using StatusSite.Cli;
using StatusSite.Tests.Support;

namespace StatusSite.Tests.Cli;

public sealed class ServeTests
{
    // Generous: the first build may compile the theme; polling stops as soon as the condition holds.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static readonly string Incident = Incidents.File(
        "title: Elevated API error rates\nseverity: SEV2\ncomponents:\n  api: partial_outage",
        Incidents.Update("2026-11-26 10:02 UTC", "Investigating", "We are investigating."));

    private static PreviewOptions Options(TestSite site) =>
        new(site.Input, TestSite.ThemeDir, TestSite.CacheDir, 0, () => TestSite.Parse(TestSite.DefaultNow));

    [Fact]
    public async Task Serve_shows_an_edit_to_an_incident_after_the_rebuild()
    {
        using var site = TestSite.Create();
        site.Write("incidents/api.md", Incident);
        await using var server = await PreviewServer.StartAsync(Options(site), _ => { });
        using var http = new HttpClient { BaseAddress = server.Url };

        var first = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/html", first.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Elevated API error rates", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        site.Write("incidents/api.md", Incident.Replace("Elevated API error rates", "Checkout payments failing", StringComparison.Ordinal));

        var page = await PollAsync(http, "/", body => body.Contains("Checkout payments failing", StringComparison.Ordinal));
        Assert.DoesNotContain("Elevated API error rates", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_shows_the_build_errors_instead_of_a_stale_site_and_recovers_when_fixed()
    {
        using var site = TestSite.Create();
        site.Write("incidents/api.md", Incident);
        await using var server = await PreviewServer.StartAsync(Options(site), _ => { });
        using var http = new HttpClient { BaseAddress = server.Url };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/")).StatusCode);

        site.Write("incidents/api.md", Incident.Replace("api: partial_outage", "apii: partial_outage", StringComparison.Ordinal));

        var error = await PollAsync(http, "/incidents/api/", body => body.Contains("The build failed", StringComparison.Ordinal));
        Assert.Contains("incidents/api.md:5: unknown component &#39;apii&#39; (did you mean &#39;api&#39;?)", error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.InternalServerError, (await http.GetAsync("/")).StatusCode);

        site.Write("incidents/api.md", Incident);
        await PollAsync(http, "/", body => body.Contains("Elevated API error rates", StringComparison.Ordinal) && !body.Contains("The build failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Serve_answers_unknown_paths_with_the_sites_404_page_and_never_outside_the_output()
    {
        using var site = TestSite.Create();
        await using var server = await PreviewServer.StartAsync(Options(site), _ => { });
        using var http = new HttpClient { BaseAddress = server.Url };

        var missing = await http.GetAsync("/no/such/page/");
        var escape = await http.GetAsync("/..%2F..%2Fetc%2Fpasswd");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, escape.StatusCode);
    }

    [Theory]
    [InlineData("feed.atom", "application/atom+xml; charset=utf-8")]
    [InlineData("maintenance.ics", "text/calendar; charset=utf-8")]
    [InlineData("api/v2/summary.json", "application/json; charset=utf-8")]
    [InlineData("badge.svg", "image/svg+xml")]
    [InlineData("feed.rss", "application/rss+xml; charset=utf-8")]
    [InlineData("index.html", "text/html; charset=utf-8")]
    public void Serve_sends_the_content_types_feed_readers_and_calendars_expect(string path, string type) =>
        Assert.Equal(type, PreviewContentTypes.For(path));

    [Fact]
    public async Task The_built_tool_serves_on_a_free_loopback_port_and_prints_the_url()
    {
        using var site = TestSite.Create();
        site.Write("incidents/api.md", Incident);
        var info = CliRunner.StartInfo(site.Root, "serve", "--port", "0", "--now", TestSite.DefaultNow, "--cache", TestSite.CacheDir, "--theme", TestSite.ThemeDir);
        using var process = Process.Start(info)!;
        try
        {
            var url = await ReadUrlAsync(process);
            Assert.Equal("127.0.0.1", url.Host);
            using var http = new HttpClient { BaseAddress = url };
            var page = await http.GetStringAsync("/");
            Assert.Contains("Elevated API error rates", page, StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task The_built_tool_stops_cleanly_on_SIGTERM()
    {
        using var site = TestSite.Create();
        var info = CliRunner.StartInfo(site.Root, "serve", "--port", "0", "--now", TestSite.DefaultNow, "--cache", TestSite.CacheDir, "--theme", TestSite.ThemeDir);
        using var process = Process.Start(info)!;
        try
        {
            await ReadUrlAsync(process);
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("Stopped the preview.", await process.StandardOutput.ReadToEndAsync(), StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private static async Task<Uri> ReadUrlAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var seen = new List<string>();
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            seen.Add(line);
            var match = Regex.Match(line, @"http://127\.0\.0\.1:\d+/");
            if (match.Success)
            {
                return new Uri(match.Value);
            }
        }

        throw new InvalidOperationException("serve printed no URL:\n" + string.Join("\n", seen) + await process.StandardError.ReadToEndAsync());
    }

    /// <summary>Fetches a page until the condition holds; fails with the last body after <see cref="Patience"/>.</summary>
    private static async Task<string> PollAsync(HttpClient http, string path, Func<string, bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        var body = "";
        while (deadline.Elapsed < Patience)
        {
            body = await (await http.GetAsync(path)).Content.ReadAsStringAsync();
            if (condition(body))
            {
                return body;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"{path} never showed the expected change; last body:\n{body}");
        return body;
    }
}
