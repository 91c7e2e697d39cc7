using System.Globalization;
using System.Text;
using StatusSite.Model;

namespace StatusSite.Presentation.Charts;

/// <summary>
/// Data to drawing: every chart is a <see cref="Width"/> × <see cref="Height"/> box that the page stretches
/// (the SVG's aspect ratio is not kept, strokes do not scale), so all coordinates are whole numbers in that box,
/// written with the invariant culture: the same data always gives the same bytes.
/// </summary>
public static class ChartGeometry
{
    public const int Width = 600;

    public const int Height = 100;

    /// <summary>The SVG viewBox of every chart.</summary>
    public const string ViewBox = "0 0 600 100";

    /// <summary>
    /// At most this many buckets per line: each keeps its lowest and highest point, so a line has at most
    /// twice as many points and a spike is never averaged away.
    /// </summary>
    public const int Buckets = 60;

    /// <summary>
    /// Min/max per bucket: the span from the earliest to the latest point is cut into <paramref name="buckets"/> equal
    /// time buckets; each keeps its lowest and its highest point (one when they are the same), in time order.
    /// A series that already fits is returned as it is.
    /// </summary>
    public static IReadOnlyList<MetricPoint> Downsample(IReadOnlyList<MetricPoint> points, int buckets = Buckets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        if (points.Count <= 2 * buckets)
        {
            return points;
        }

        var first = points.Min(p => p.T);
        var span = points.Max(p => p.T) - first + 1;
        var low = new MetricPoint?[buckets];
        var high = new MetricPoint?[buckets];
        foreach (var point in points)
        {
            var bucket = (int)((point.T - first) * buckets / span);
            low[bucket] = low[bucket] is { } l && l.V <= point.V ? l : point;
            high[bucket] = high[bucket] is { } h && h.V >= point.V ? h : point;
        }

        var kept = new List<MetricPoint>(2 * buckets);
        for (var bucket = 0; bucket < buckets; bucket++)
        {
            if (low[bucket] is { } l && high[bucket] is { } h)
            {
                kept.AddRange(l == h ? [l] : l.T <= h.T ? [l, h] : [h, l]);
            }
        }

        return kept;
    }

    /// <summary>The x of a moment in a window, 0 to <see cref="Width"/>, clamped to the window.</summary>
    public static int X(DateTimeOffset at, DateTimeOffset from, DateTimeOffset to) =>
        X(at.ToUnixTimeSeconds(), from.ToUnixTimeSeconds(), to.ToUnixTimeSeconds());

    public static int X(long t, long from, long to)
    {
        var span = Math.Max(1, to - from);
        return (int)Math.Round(Math.Clamp((double)(t - from) / span, 0, 1) * Width, MidpointRounding.AwayFromZero);
    }

    /// <summary>The y of a value on a scale from <paramref name="low"/> (bottom) to <paramref name="high"/> (top), 2 units kept free at each edge so strokes are not cut.</summary>
    public static int Y(double value, double low, double high)
    {
        var share = high > low ? Math.Clamp((value - low) / (high - low), 0, 1) : 0.5;
        return (int)Math.Round(Height - 2 - (share * (Height - 4)), MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// The value scale of a series: from zero (or the lowest value when it is below zero) to the highest value, or to the
    /// baseline when that is higher, so the baseline is always inside the box. A series of zeros gets a scale of 0 to 1.
    /// </summary>
    public static (double Low, double High) Scale(IReadOnlyList<MetricPoint> points, double? baseline)
    {
        var low = Math.Min(0, points.Min(p => p.V));
        var high = Math.Max(points.Max(p => p.V), baseline ?? double.MinValue);
        return high > low ? (low, high) : (low, low + 1);
    }

    /// <summary>
    /// A line through the points as SVG path data: an absolute move to the first, then relative steps between rounded
    /// positions (short, and exact because each step is the difference of two rounded positions). One point is a dot.
    /// </summary>
    public static string Line(IReadOnlyList<MetricPoint> points, long from, long to, double low, double high)
    {
        var text = new StringBuilder();
        var (x0, y0) = (X(points[0].T, from, to), Y(points[0].V, low, high));
        text.Append('M').Append(Num(x0)).Append(' ').Append(Num(y0));
        if (points.Count == 1)
        {
            return text.Append("h0").ToString();
        }

        text.Append('l');
        for (var i = 1; i < points.Count; i++)
        {
            var (x, y) = (X(points[i].T, from, to), Y(points[i].V, low, high));
            if (i > 1)
            {
                text.Append(' ');
            }

            text.Append(Num(x - x0)).Append(' ').Append(Num(y - y0));
            (x0, y0) = (x, y);
        }

        return text.ToString();
    }

    /// <summary>Full-height vertical marks at some x positions, each once, left to right.</summary>
    public static string? Ticks(IEnumerable<int> xs)
    {
        var text = new StringBuilder();
        foreach (var x in xs.Distinct().Order())
        {
            text.Append('M').Append(Num(x)).Append(" 0v").Append(Num(Height));
        }

        return text.Length == 0 ? null : text.ToString();
    }

    /// <summary>A horizontal line across the box at a y.</summary>
    public static string Across(int y) => "M0 " + Num(y) + "h" + Num(Width);

    /// <summary>How tall a status band is: the worse the status, the taller, so the chart reads in black and white too.</summary>
    public static int BandHeight(ComponentStatus status) => status switch
    {
        ComponentStatus.MajorOutage => Height,
        ComponentStatus.PartialOutage => 75,
        ComponentStatus.DegradedPerformance => 50,
        ComponentStatus.UnderMaintenance => 35,
        _ => 20,
    };

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);
}
