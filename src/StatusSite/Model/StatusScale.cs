namespace StatusSite.Model;

/// <summary>
/// The one place that relates the status scale (<see cref="ComponentStatus"/>, best to worst, with maintenance
/// above operational and below every outage) to incident severity and to Statuspage's indicator.
/// </summary>
public static class StatusScale
{
    /// <summary>Statuspage's indicator of a status: maintenance and operational are both 'none'.</summary>
    public static Indicator IndicatorOf(ComponentStatus status) => status switch
    {
        ComponentStatus.MajorOutage => Indicator.Critical,
        ComponentStatus.PartialOutage => Indicator.Major,
        ComponentStatus.DegradedPerformance => Indicator.Minor,
        _ => Indicator.None,
    };

    /// <summary>What an open incident of a severity stands for on the scale: SEV1 a major outage, SEV2 a partial one, SEV3 degraded.</summary>
    public static ComponentStatus StatusOf(Severity severity) => severity switch
    {
        Severity.Sev1 => ComponentStatus.MajorOutage,
        Severity.Sev2 => ComponentStatus.PartialOutage,
        _ => ComponentStatus.DegradedPerformance,
    };

    /// <summary>The worst of some statuses, or operational when there are none.</summary>
    public static ComponentStatus Worst(IEnumerable<ComponentStatus> statuses) => statuses.DefaultIfEmpty(ComponentStatus.Operational).Max();

    /// <summary>The most severe of some severities (SEV1 is the most), or null when there are none.</summary>
    public static Severity? Worst(IEnumerable<Severity> severities) => severities.Select(s => (Severity?)s).Min();
}
