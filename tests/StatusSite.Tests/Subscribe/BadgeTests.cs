using System.Xml.Linq;
using StatusSite.Tests.Support;

namespace StatusSite.Tests.Subscribe;

public sealed class BadgeTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public async Task Badges_say_the_status_in_words_with_a_title()
    {
        using var site = TestSite.Create();
        site.Write("incidents/outage.md", Incidents.File(
            "title: API down\nseverity: SEV1\ncomponents:\n  api: major_outage",
            Incidents.Update("2026-11-26 10:00 UTC", "Investigating", "The API is down.")));
        await site.BuildOkAsync();

        var overall = XDocument.Parse(site.ReadOutput("badge.svg"));
        var api = XDocument.Parse(site.ReadOutput("components/api/badge.svg"));
        var dashboard = XDocument.Parse(site.ReadOutput("components/dashboard/badge.svg"));

        Assert.Equal("Acme Status: Major System Outage", overall.Root!.Element(Svg + "title")!.Value);
        Assert.Equal(["status", "Major System Outage"], overall.Descendants(Svg + "text").Select(t => t.Value));
        Assert.Equal(["Public API", "Major outage"], api.Descendants(Svg + "text").Select(t => t.Value));
        Assert.Equal("Dashboard: Operational", dashboard.Root!.Element(Svg + "title")!.Value);
        Assert.Equal("img", api.Root!.Attribute("role")!.Value);
    }

    [Fact]
    public async Task Badge_fields_grow_with_their_words()
    {
        using var site = TestSite.Create();
        await site.BuildOkAsync();

        var badge = XDocument.Parse(site.ReadOutput("components/api/badge.svg"));
        var rects = badge.Descendants(Svg + "rect").Select(r => double.Parse(r.Attribute("width")!.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

        // "Public API" is longer than "status", "Operational" longer than both.
        Assert.True(rects[0] > 60, $"label field {rects[0]}");
        Assert.True(rects[1] > rects[0], $"message field {rects[1]}");
        Assert.Equal(rects.Sum(), double.Parse(badge.Root!.Attribute("width")!.Value, System.Globalization.CultureInfo.InvariantCulture));
    }
}
