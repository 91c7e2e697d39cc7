using System.Globalization;
using StatusSite.Core;
using StatusSite.Model;

namespace StatusSite.Analysis;

/// <summary>
/// The incident process checks of <c>statussite check</c>: facts about how the incident is run, not about the
/// format of the files, so they are warnings that never stop a publish. Each rule is a pure function of the
/// model with a stable id (shown in messages and used by <c>--strict</c> reports), so more can be added here.
/// </summary>
public static class ProcessRules
{
    /// <summary>An open SEV1/SEV2 whose last public update, which promised no time, is older than <c>policy.update_interval</c>.</summary>
    public const string UpdateOverdue = "update-overdue";

    /// <summary>An open incident whose 'Next update:' promise has passed.</summary>
    public const string NextUpdateMissed = "next-update-missed";

    /// <summary>A resolved incident whose postmortem is past <c>policy.postmortem_due</c> and still not published.</summary>
    public const string PostmortemOverdue = "postmortem-overdue";

    /// <summary>Every rule, in the order they run.</summary>
    public static IReadOnlyList<(string Id, Action<SiteModel, DiagnosticBag> Check)> All { get; } =
    [
        (UpdateOverdue, CheckUpdateCadence),
        (NextUpdateMissed, CheckNextUpdatePromises),
        (PostmortemOverdue, CheckPostmortemsDue),
    ];

    public static void Run(SiteModel model, DiagnosticBag diagnostics)
    {
        foreach (var (_, check) in All)
        {
            check(model, diagnostics);
        }
    }

    // Both rules read the incident's 'next update by', as its page shows it: a 'Next update:' promise
    // when the latest update makes one, else the policy's interval after it.

    public static void CheckUpdateCadence(SiteModel model, DiagnosticBag diagnostics)
    {
        foreach (var incident in model.ActiveIncidents)
        {
            if (incident is not { NextUpdatePromised: false, NextUpdateBy: { } due } || model.Now <= due)
            {
                continue;
            }

            var latest = incident.Latest.Source;
            var severity = incident.Severity.ToString().ToUpperInvariant();
            diagnostics.Warning(incident.Source.SourcePath, latest.Line,
                $"the last public update was at {Timestamp.ToHeading(latest.At)}, {Format(model.Now - latest.At)} ago; the {severity} policy asks for one every {Format(due - latest.At)}, so it is {Format(model.Now - due)} late; post one with 'statussite update {incident.Id} --status … --message …' or add an update heading above this one",
                UpdateOverdue);
        }
    }

    public static void CheckNextUpdatePromises(SiteModel model, DiagnosticBag diagnostics)
    {
        foreach (var incident in model.ActiveIncidents)
        {
            if (incident is { NextUpdatePromised: true, NextUpdateBy: { } promised } && model.Now > promised)
            {
                diagnostics.Warning(incident.Source.SourcePath, incident.Latest.Source.Line,
                    $"this update promised the next one by {Timestamp.ToHeading(promised)}, {Format(model.Now - promised)} ago; customers are waiting, so post an update now (and promise a time you can keep)",
                    NextUpdateMissed);
            }
        }
    }

    public static void CheckPostmortemsDue(SiteModel model, DiagnosticBag diagnostics)
    {
        foreach (var incident in model.Incidents)
        {
            if (incident.Postmortem is { Overdue: true, DueBy: { } due })
            {
                var severity = incident.Severity.ToString().ToUpperInvariant();
                // The 'postmortem:' line when it names a draft; otherwise the resolution, which started the clock.
                var line = incident.Source.PostmortemId is not null ? incident.Source.PostmortemLine : incident.Latest.Source.Line;
                diagnostics.Warning(incident.Source.SourcePath, line,
                    $"the postmortem of this {severity} incident was due by {Timestamp.ToHeading(due)}, {Format(model.Now - due)} ago; publish it (set 'published:'), or start one with 'statussite new postmortem {incident.Id}'",
                    PostmortemOverdue);
            }
        }
    }

    /// <summary>A duration as people say it: '45m', '1h', '2h 05m', '3d 4h'.</summary>
    public static string Format(TimeSpan span)
    {
        var minutes = (long)Math.Floor(span.TotalMinutes);
        if (minutes < 60)
        {
            return minutes.ToString(CultureInfo.InvariantCulture) + "m";
        }

        if (minutes < 24 * 60)
        {
            return minutes % 60 == 0
                ? string.Create(CultureInfo.InvariantCulture, $"{minutes / 60}h")
                : string.Create(CultureInfo.InvariantCulture, $"{minutes / 60}h {minutes % 60:00}m");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{minutes / (24 * 60)}d {minutes / 60 % 24}h");
    }
}
