namespace StatusSite.Presentation.Charts;

/// <summary>
/// A component's status over a span of time as the page draws it: bands as tall as the status is bad and coloured by
/// its class, marks at the moments that matter, and the same facts as text (which the drawing is labelled by).
/// </summary>
/// <param name="Id">The element id of <paramref name="Text"/>, unique on the page.</param>
/// <param name="Ticks">SVG path data of the marks, or null when there are none.</param>
public sealed record StatusChart(string Id, IReadOnlyList<StatusBand> Bands, string? Ticks, string Text);

/// <summary>
/// A span at one status: its class (see <see cref="SiteView.Css(Model.ComponentStatus)"/>), its rectangle standing on the
/// bottom edge, and the span in words, which the band shows on hover as the chart's text says it.
/// </summary>
public sealed record StatusBand(string Css, int X, int Width, int Y, int Height, string Text);

/// <summary>A full-height span of a chart, such as an incident's impact on its metric.</summary>
public sealed record ChartSpan(int X, int Width);

/// <summary>
/// The status charts of an incident or of a postmortem's impact window, with the moments marked on every chart
/// said once in words (<paramref name="MarksId"/>), and the metrics of the affected components over the same time.
/// </summary>
public sealed record TimelineCharts(IReadOnlyList<StatusChart> Statuses, string MarksId, string Marks, IReadOnlyList<MetricChart> Metrics);

/// <summary>
/// A metric as a page shows it: its name, what the chart covers, and either a drawing with its text equivalent
/// (lowest, highest and latest value, and against the baseline when one is set) or, without data, <paramref name="Text"/>
/// saying so and no drawing at all.
/// </summary>
/// <param name="Id">The element id of <paramref name="Text"/>; the name's id is <c>Id + "-n"</c>.</param>
/// <param name="Latest">The latest value with its unit, or null without data.</param>
/// <param name="Covers">The span in words: "last 24 hours", or an incident's window.</param>
public sealed record MetricChart(string Id, string Name, string? Latest, string Covers, MetricPlot? Plot, string Text);

/// <summary>The drawing of a metric: its line, the baseline, marks at the updates and the shaded impact.</summary>
/// <param name="Baseline">SVG path data of the baseline, or null when none is set.</param>
/// <param name="Ticks">SVG path data of the update marks, or null when there are none.</param>
/// <param name="Shade">The impact's span, or null when the chart has none.</param>
public sealed record MetricPlot(string Line, string? Baseline, string? Ticks, ChartSpan? Shade);
