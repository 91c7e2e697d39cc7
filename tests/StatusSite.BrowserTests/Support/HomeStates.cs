using StatusSite.Model;

namespace StatusSite.BrowserTests.Support;

/// <summary>The states a home page's banner shows, each one a site of its own.</summary>
public enum HomeState
{
    Operational,
    Degraded,
    MajorOutage,
    Maintenance,
}

/// <summary>
/// Each <see cref="HomeState"/> made from the sample site at its own clock: its open incidents are taken out
/// (the sample is in a partial outage), and one file of the state is added.
/// </summary>
internal static class HomeStates
{
    /// <summary>The overall status each state's banner shows.</summary>
    public static ComponentStatus Shown(HomeState state) => state switch
    {
        HomeState.Degraded => ComponentStatus.DegradedPerformance,
        HomeState.MajorOutage => ComponentStatus.MajorOutage,
        HomeState.Maintenance => ComponentStatus.UnderMaintenance,
        _ => ComponentStatus.Operational,
    };

    /// <summary>Turns a copy of the sample's content, built at <see cref="SampleSite.BuiltAt"/>, into the state.</summary>
    public static void Apply(string input, HomeState state, SiteModel sample)
    {
        foreach (var open in sample.ActiveIncidents)
        {
            File.Delete(Directory.EnumerateFiles(Path.Combine(input, "incidents"), open.Id + ".md", SearchOption.AllDirectories).Single());
        }

        if (StateFile(state) is var (path, content))
        {
            File.WriteAllText(Path.Combine(input, path), content);
        }
    }

    private static (string Path, string Content)? StateFile(HomeState state) => state switch
    {
        HomeState.Degraded => ("incidents/2026/2026-11-26-dashboard-slow-pages.md", """
            ---
            title: Slow dashboard pages
            severity: SEV3
            components:
              dashboard: degraded_performance
            started: 2026-11-26T23:05:00Z
            ---

            ## 2026-11-26 23:20 UTC — Investigating
            Next update: 2026-11-27 00:20 UTC

            Some dashboard pages take up to ten seconds to load. The API and all other services are working normally.
            """),
        HomeState.MajorOutage => ("incidents/2026/2026-11-26-api-unavailable.md", """
            ---
            title: Public API unavailable
            severity: SEV1
            components:
              api: major_outage
              webhooks: partial_outage
              dashboard: degraded_performance
            started: 2026-11-26T23:31:00Z
            ---

            ## 2026-11-26 23:40 UTC — Investigating
            Next update: 2026-11-27 00:10 UTC

            Most requests to the Public API fail with "503 Service Unavailable". Webhooks are not being sent and the dashboard is slow. We are investigating with the highest priority.
            """),
        HomeState.Maintenance => ("maintenance/2026/2026-11-26-postgres-storage-upgrade.md", """
            ---
            title: Managed Postgres storage upgrade
            components:
              database: under_maintenance
            scheduled_for: 2026-11-26T23:00:00Z
            scheduled_until: 2026-11-27T01:00:00Z
            ---

            We are moving Managed Postgres clusters in Frankfurt to faster storage. Each database pauses for up to 30 seconds once during the window.

            ## 2026-11-26 23:00 UTC — In progress
            The upgrade has started, one cluster at a time.

            ## 2026-11-19 09:00 UTC — Scheduled
            We will upgrade Managed Postgres storage on 26 November between 23:00 and 01:00 UTC.
            """),
        _ => null,
    };
}
