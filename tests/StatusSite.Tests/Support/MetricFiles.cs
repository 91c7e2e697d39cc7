using StatusSite.Model;

namespace StatusSite.Tests.Support;

/// <summary>Metric configuration and data files for tests, written through the same serializer 'metrics pull' uses.</summary>
internal static class MetricFiles
{
    /// <summary>A site.yml entry for a metric.</summary>
    public static string Entry(string id, string name, string unit, string range, string? components = null, double? baseline = null) =>
        $"""

          - id: {id}
            name: {name}
            unit: "{unit}"
            source: datadog
            query: "avg:{id}"
            range: {range}
        """
        + (components is null ? "" : $"\n    components: [{components}]")
        + (baseline is null ? "" : FormattableString.Invariant($"\n    baseline: {baseline}"));

    /// <summary>A window from <paramref name="from"/> with a point every <paramref name="stepSeconds"/> until <paramref name="to"/>, valued by <paramref name="value"/> of the point's index.</summary>
    public static MetricWindow Window(string name, string from, string to, int stepSeconds, Func<int, double> value)
    {
        var (start, end) = (TestSite.Parse(from), TestSite.Parse(to));
        var count = (int)((end - start).TotalSeconds / stepSeconds) + 1;
        var points = Enumerable.Range(0, count).Select(i => MetricPoint.Rounded(start.ToUnixTimeSeconds() + ((long)i * stepSeconds), value(i))).ToList();
        return new MetricWindow(name, start, end, stepSeconds, points);
    }

    /// <summary>Writes input/metrics/&lt;id&gt;.json.</summary>
    public static void Write(TestSite site, string id, string unit, params MetricWindow[] windows) =>
        site.Write($"metrics/{id}.json", new MetricData(MetricData.CurrentSchema, id, unit, windows).ToJson());

    /// <summary>The site.yml entries of the four metrics <see cref="WriteFour"/> writes.</summary>
    public static string FourEntries(string components) =>
        Entry("edge-latency", "Edge latency", "ms", "24h", components, 250)
        + Entry("api-errors", "API error rate", "%", "7d", components, 1)
        + Entry("checkout-latency", "Checkout p95 latency", "ms", "24h", components)
        + Entry("throughput", "Requests per second", "req/s", "30d", components);

    /// <summary>
    /// Four metrics as a busy site shows them, each with its whole range pulled (289, 169, 721 and 241 points),
    /// for a site built at <see cref="TestSite.DefaultNow"/>.
    /// </summary>
    public static void WriteFour(TestSite site)
    {
        const string Now = TestSite.DefaultNow;
        // Noisy but deterministic series: a sine with a spike, so no point repeats its neighbour.
        static double Wave(int i, double level, double swing) => level + (swing * Math.Sin(i / 7.0)) + (i % 97 == 50 ? 5 * swing : 0) + (i % 5 * swing / 10);
        Write(site, "edge-latency", "ms", Window("range", "2026-11-26T00:00:00Z", Now, 300, i => Wave(i, 180, 25)));
        Write(site, "api-errors", "%", Window("range", "2026-11-20T00:00:00Z", Now, 3600, i => Wave(i, 0.4, 0.15)));
        Write(site, "checkout-latency", "ms", Window("range", "2026-11-26T00:00:00Z", Now, 120, i => Wave(i, 420, 60)));
        Write(site, "throughput", "req/s", Window("range", "2026-10-28T00:00:00Z", Now, 10800, i => Wave(i, 1250, 300)));
    }
}
