using StatusSite.Model;

namespace StatusSite.Presentation.Charts;

/// <summary>How a series stands against its baseline, an upper bound (latency, error rate: lower is better).</summary>
public enum BaselineState
{
    /// <summary>No point is above the baseline.</summary>
    Within,

    /// <summary>Some points are above it and the series came back to it for good.</summary>
    Back,

    /// <summary>The last point is still above it.</summary>
    NotBack,
}

/// <summary>When a series came back to its baseline, and stayed there.</summary>
/// <param name="At">For <see cref="BaselineState.Back"/>, the Unix time of the first point at or below the baseline after the last point above it.</param>
public sealed record BaselineCrossing(BaselineState State, long? At)
{
    /// <summary>
    /// "Back to baseline" is the first point after the last point above the baseline: from there to the end of the
    /// data every value is at or below it. A return followed by a new excursion does not count; the later return does.
    /// The peak always lies before that moment, since it is above the baseline too.
    /// </summary>
    public static BaselineCrossing Of(IReadOnlyList<MetricPoint> points, double baseline)
    {
        var ordered = points.OrderBy(p => p.T).ToList();
        var lastAbove = ordered.FindLastIndex(p => p.V > baseline);
        return lastAbove < 0 ? new(BaselineState.Within, null)
            : lastAbove == ordered.Count - 1 ? new(BaselineState.NotBack, null)
            : new(BaselineState.Back, ordered[lastAbove + 1].T);
    }
}
