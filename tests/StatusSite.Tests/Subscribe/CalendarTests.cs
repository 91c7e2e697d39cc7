using Ical.Net;
using Ical.Net.CalendarComponents;
using StatusSite.Tests.Support;

namespace StatusSite.Tests.Subscribe;

public sealed class CalendarTests
{
    // Europe/Berlin (the test site's display zone) leaves summer time at 03:00 CEST = 01:00 UTC on 25 October 2026:
    // this window starts at 02:30 summer time and ends at 02:30 winter time, two hours later.
    private const string AcrossDaylightSaving = """
        ---
        title: Database failover drill
        components: [api]
        scheduled_for: 2026-10-25T02:30:00+02:00
        scheduled_until: 2026-10-25T02:30:00+01:00
        ---

        We practise a failover of the primary database.
        """;

    private const string Upcoming = """
        ---
        title: Storage network upgrade
        components:
          dashboard: degraded_performance
        scheduled_for: 2026-12-09T02:00:00Z
        scheduled_until: 2026-12-09T04:00:00Z
        ---

        We replace network switches.

        ## 2026-11-25 10:00 UTC — Scheduled
        Planned for **9 December**.
        """;

    private static List<CalendarEvent> Events(TestSite site) =>
        [.. Calendar.Load(site.ReadOutput("maintenance.ics"))!.Events];

    [Fact]
    public async Task Window_across_a_daylight_saving_change_keeps_its_utc_times()
    {
        using var site = TestSite.Create();
        site.Write("maintenance/drill.md", AcrossDaylightSaving);
        await site.BuildOkAsync();

        var drill = Assert.Single(Events(site));

        Assert.True(drill.DtStart!.IsUtc);
        Assert.True(drill.DtEnd!.IsUtc);
        Assert.Equal(new DateTime(2026, 10, 25, 0, 30, 0, DateTimeKind.Utc), drill.DtStart.AsUtc);
        Assert.Equal(new DateTime(2026, 10, 25, 1, 30, 0, DateTimeKind.Utc), drill.DtEnd.AsUtc);
        Assert.Contains("DTSTART:20261025T003000Z", site.ReadOutput("maintenance.ics"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uids_stay_the_same_across_builds_and_the_sequence_rises_when_a_window_changes()
    {
        using var site = TestSite.Create();
        site.Write("maintenance/drill.md", AcrossDaylightSaving);
        site.Write("maintenance/storage.md", Upcoming);
        await site.BuildOkAsync("2026-11-26T00:00:00Z");
        var first = Events(site).ToDictionary(e => e.Summary!, e => (e.Uid, e.Sequence));

        site.Write("maintenance/storage.md", Upcoming + "\n## 2026-11-26 09:00 UTC — Update\nStill on plan.\n");
        await site.BuildOkAsync("2026-11-27T00:00:00Z");
        var second = Events(site).ToDictionary(e => e.Summary!, e => (e.Uid, e.Sequence));

        Assert.Equal(first.Keys.Order(StringComparer.Ordinal), second.Keys.Order(StringComparer.Ordinal));
        Assert.All(first, pair => Assert.Equal(pair.Value.Uid, second[pair.Key].Uid));
        Assert.Equal(2, first.Values.Select(v => v.Uid).Distinct().Count());
        Assert.Equal("maintenance-storage@status.acme.example", first["Storage network upgrade"].Uid);
        Assert.Equal(first["Database failover drill"].Sequence, second["Database failover drill"].Sequence);
        Assert.True(second["Storage network upgrade"].Sequence > first["Storage network upgrade"].Sequence);
    }

    [Fact]
    public async Task Events_carry_plain_text_summary_and_description_status_and_the_window_url()
    {
        using var site = TestSite.Create();
        site.Write("maintenance/storage.md", Upcoming);
        await site.BuildOkAsync();

        var storage = Assert.Single(Events(site));

        Assert.Equal("Storage network upgrade", storage.Summary);
        Assert.Equal("We replace network switches.\n\nPlanned for 9 December.", storage.Description);
        Assert.Equal("CONFIRMED", storage.Status);
        Assert.Equal(new Uri("https://status.acme.example/maintenance/#maintenance-storage"), storage.Url);
        Assert.Equal(new DateTime(2026, 12, 9, 2, 0, 0, DateTimeKind.Utc), storage.DtStart!.AsUtc);
    }
}
