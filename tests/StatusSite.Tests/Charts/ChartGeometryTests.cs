using StatusSite.Model;
using StatusSite.Presentation.Charts;

namespace StatusSite.Tests.Charts;

/// <summary>Data to drawing: scaling, lines, marks, downsampling and the baseline rule, without a site.</summary>
public sealed class ChartGeometryTests
{
    private static readonly DateTimeOffset From = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private static MetricPoint P(long t, double v) => new(t, v);

    [Fact]
    public void A_moment_is_placed_by_its_share_of_the_window_and_clamped_to_it()
    {
        var to = From.AddHours(1);

        Assert.Equal(0, ChartGeometry.X(From, From, to));
        Assert.Equal(150, ChartGeometry.X(From.AddMinutes(15), From, to));
        Assert.Equal(ChartGeometry.Width, ChartGeometry.X(to, From, to));
        Assert.Equal(0, ChartGeometry.X(From.AddMinutes(-5), From, to));
        Assert.Equal(ChartGeometry.Width, ChartGeometry.X(to.AddMinutes(5), From, to));
        // A window of no length does not divide by zero.
        Assert.Equal(0, ChartGeometry.X(From, From, From));
    }

    [Fact]
    public void Values_run_from_the_bottom_to_the_top_with_room_for_the_stroke()
    {
        Assert.Equal(98, ChartGeometry.Y(0, 0, 100));
        Assert.Equal(2, ChartGeometry.Y(100, 0, 100));
        Assert.Equal(50, ChartGeometry.Y(50, 0, 100));
        Assert.Equal(2, ChartGeometry.Y(500, 0, 100));
    }

    [Fact]
    public void The_scale_starts_at_zero_and_reaches_the_baseline()
    {
        Assert.Equal((0, 90), ChartGeometry.Scale([P(0, 80), P(1, 90)], null));
        Assert.Equal((0, 120), ChartGeometry.Scale([P(0, 80), P(1, 90)], 120));
        Assert.Equal((-5, 3), ChartGeometry.Scale([P(0, -5), P(1, 3)], null));
        // All zeros: a scale of one unit, so the line lies on the bottom, not across the middle.
        Assert.Equal((0, 1), ChartGeometry.Scale([P(0, 0), P(1, 0)], null));
    }

    [Fact]
    public void A_line_is_a_move_then_relative_steps_between_rounded_positions()
    {
        var line = ChartGeometry.Line([P(0, 0), P(30, 100), P(60, 50)], 0, 60, 0, 100);

        Assert.Equal("M0 98l300 -96 300 48", line);
    }

    [Fact]
    public void A_flat_series_is_a_level_line()
    {
        var points = Enumerable.Range(0, 10).Select(i => P(i * 60, 42)).ToList();
        var (low, high) = ChartGeometry.Scale(points, null);

        var line = ChartGeometry.Line(points, 0, 540, low, high);

        Assert.StartsWith("M0 2l", line, StringComparison.Ordinal);
        var steps = line["M0 2l".Length..].Split(' ').Select(int.Parse).Chunk(2).ToList();
        Assert.Equal(9, steps.Count);
        Assert.All(steps, step => Assert.Equal(0, step[1]));
        Assert.Equal(ChartGeometry.Width, steps.Sum(step => step[0]));
    }

    [Fact]
    public void A_single_point_is_a_dot()
    {
        Assert.Equal("M300 50h0", ChartGeometry.Line([P(30, 5)], 0, 60, 0, 10));
    }

    [Fact]
    public void Marks_are_full_height_once_each_and_left_to_right_and_absent_without_moments()
    {
        Assert.Equal("M10 0v100M250 0v100", ChartGeometry.Ticks([250, 10, 250]));
        Assert.Null(ChartGeometry.Ticks([]));
    }

    [Fact]
    public void Worse_statuses_have_taller_bands()
    {
        var heights = Enum.GetValues<ComponentStatus>().Select(ChartGeometry.BandHeight).ToList();

        Assert.Equal(heights.Order(), heights);
        Assert.Equal(heights.Count, heights.Distinct().Count());
        Assert.Equal(ChartGeometry.Height, ChartGeometry.BandHeight(ComponentStatus.MajorOutage));
    }

    [Fact]
    public void A_series_that_fits_is_kept_as_it_is()
    {
        var points = Enumerable.Range(0, 2 * ChartGeometry.Buckets).Select(i => P(i, i)).ToList();

        Assert.Same(points, ChartGeometry.Downsample(points));
    }

    [Fact]
    public void Downsampling_keeps_at_most_two_points_per_bucket_in_time_order_and_never_loses_a_spike()
    {
        var random = new Random(7);
        var points = Enumerable.Range(0, 10_000).Select(i => P(i * 60, 100 + random.NextDouble())).ToList();
        points[4321] = P(4321 * 60, 950);
        points[8765] = P(8765 * 60, 3);

        var kept = ChartGeometry.Downsample(points);

        Assert.InRange(kept.Count, ChartGeometry.Buckets, 2 * ChartGeometry.Buckets);
        Assert.Equal(kept.OrderBy(p => p.T), kept);
        Assert.Contains(points[4321], kept);
        Assert.Contains(points[8765], kept);
        Assert.Equal(points.Min(p => p.V), kept.Min(p => p.V));
        Assert.Equal(points.Max(p => p.V), kept.Max(p => p.V));
    }

    [Fact]
    public void Downsampling_stays_within_its_bound_for_points_out_of_order_and_bunched_in_time()
    {
        var points = Enumerable.Range(0, 5_000).Select(i => P(i % 3 == 0 ? 1_000_000 - i : i, i % 17)).ToList();

        var kept = ChartGeometry.Downsample(points, 10);

        Assert.InRange(kept.Count, 1, 20);
        Assert.Equal(kept.OrderBy(p => p.T), kept);
    }

    [Fact]
    public void A_series_never_above_its_baseline_stays_within_it()
    {
        Assert.Equal(new BaselineCrossing(BaselineState.Within, null), BaselineCrossing.Of([P(0, 80), P(60, 120), P(120, 90)], 120));
    }

    [Fact]
    public void Back_to_baseline_is_the_first_point_at_or_below_it_after_the_peak()
    {
        var crossing = BaselineCrossing.Of([P(0, 80), P(60, 900), P(120, 400), P(180, 120), P(240, 85)], 120);

        Assert.Equal(new BaselineCrossing(BaselineState.Back, 180), crossing);
    }

    [Fact]
    public void A_series_still_above_its_baseline_at_the_end_is_not_back()
    {
        Assert.Equal(new BaselineCrossing(BaselineState.NotBack, null), BaselineCrossing.Of([P(0, 80), P(60, 900), P(120, 400)], 120));
    }

    [Fact]
    public void A_return_followed_by_a_new_excursion_does_not_count_the_later_return_does()
    {
        var points = new[] { P(0, 900), P(60, 100), P(120, 300), P(180, 110), P(240, 90) };

        Assert.Equal(new BaselineCrossing(BaselineState.Back, 180), BaselineCrossing.Of(points, 120));
        // The same, ending above the baseline again: it never came back for good.
        Assert.Equal(new BaselineCrossing(BaselineState.NotBack, null), BaselineCrossing.Of([.. points, P(300, 500)], 120));
    }

    [Fact]
    public void The_baseline_rule_reads_points_in_time_order()
    {
        Assert.Equal(new BaselineCrossing(BaselineState.Back, 120), BaselineCrossing.Of([P(180, 90), P(120, 100), P(60, 900), P(0, 80)], 120));
    }

    [Fact]
    public void Status_spans_fill_the_window_with_operational_between_impacts_and_join_neighbours_of_one_status()
    {
        var at = (int minutes) => From.AddMinutes(minutes);
        ComponentImpact Impact(int from, int to, ComponentStatus status) => new("api", at(from), at(to), status);

        var spans = ChartPresenter.Spans(
            [Impact(20, 30, ComponentStatus.PartialOutage), Impact(-10, 10, ComponentStatus.MajorOutage), Impact(30, 40, ComponentStatus.PartialOutage), Impact(50, 90, ComponentStatus.DegradedPerformance)],
            at(0),
            at(60));

        Assert.Equal(
            [
                (at(0), at(10), ComponentStatus.MajorOutage),
                (at(10), at(20), ComponentStatus.Operational),
                (at(20), at(40), ComponentStatus.PartialOutage),
                (at(40), at(50), ComponentStatus.Operational),
                (at(50), at(60), ComponentStatus.DegradedPerformance),
            ],
            spans);
    }
}
