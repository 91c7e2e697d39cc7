using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StatusSite.Model;

/// <summary>
/// input/metrics/&lt;id&gt;.json: one metric's series for its display range and for the window of each recent incident.
/// Windows are in a fixed order (the range first, then incidents by id), points by time, values rounded to six
/// significant digits, so pulling an unchanged series writes an unchanged file.
/// </summary>
public sealed record MetricData(int Schema, string Metric, string Unit, IReadOnlyList<MetricWindow> Windows)
{
    public const int CurrentSchema = 1;

    /// <summary>The name of the window that covers the metric's display range.</summary>
    public const string RangeWindow = "range";

    /// <summary>The name of the window around an incident.</summary>
    public static string IncidentWindow(string incidentId) => "incident:" + incidentId;

    public string ToJson() => JsonSerializer.Serialize(this, MetricDataJson.Default.MetricData) + "\n";
}

/// <summary>A window of a series: <see cref="From"/> to <see cref="To"/> in UTC, points <see cref="StepSeconds"/> apart at most.</summary>
public sealed record MetricWindow(string Name, DateTimeOffset From, DateTimeOffset To, int StepSeconds, IReadOnlyList<MetricPoint> Points);

/// <summary>A point: <see cref="T"/> in Unix seconds, <see cref="V"/> the value.</summary>
public sealed record MetricPoint(long T, double V)
{
    /// <summary>A point as the file keeps it: six significant digits, so noise below them never changes the file.</summary>
    public static MetricPoint Rounded(long t, double v) => new(t, double.Parse(v.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true, RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(MetricData))]
internal sealed partial class MetricDataJson : JsonSerializerContext;
