using StatusSite.Core;
using StatusSite.Model;

namespace StatusSite.Analysis;

/// <summary>Checks that need the build clock: nothing may be dated in the future of the build.</summary>
internal static class ContentRules
{
    public static void CheckAgainstClock(SiteContent content, DateTimeOffset now, DiagnosticBag diagnostics)
    {
        foreach (var incident in content.Incidents)
        {
            foreach (var update in incident.Updates.Where(u => u.At > now))
            {
                diagnostics.Error(incident.SourcePath, update.Line, FutureMessage(update.At, now));
            }

            if (incident.Started is { } started && started > now)
            {
                diagnostics.Error(incident.SourcePath, 1, $"'started' ({Timestamp.ToHeading(started)}) is in the future of the build clock ({Timestamp.ToHeading(now)}); correct the date");
            }
        }

        foreach (var maintenance in content.Maintenances)
        {
            foreach (var update in maintenance.Updates.Where(u => u.At > now))
            {
                diagnostics.Error(maintenance.SourcePath, update.Line, FutureMessage(update.At, now));
            }
        }
    }

    private static string FutureMessage(DateTimeOffset at, DateTimeOffset now) =>
        $"this update is dated {Timestamp.ToHeading(at)}, after the build clock ({Timestamp.ToHeading(now)}); updates describe what already happened, so correct the date (is the zone right?)";
}
