using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using StatusSite.Presentation;
using StatusSite.Tests.Support;

namespace StatusSite.Tests.Subscribe;

public sealed class FeedTests
{
    private const string Base = "https://status.acme.example/";

    private static TestSite SiteWithTwoIncidents()
    {
        var site = TestSite.Create();
        site.Write("incidents/2026-11-20-api-errors.md", Incidents.File(
            "title: Elevated API error rates\nseverity: SEV2\ncomponents:\n  api: partial_outage\n  dashboard: degraded_performance",
            Incidents.Update("2026-11-20 10:42 UTC", "Resolved", "Error rates are back to **normal**."),
            Incidents.Update("2026-11-20 10:14 UTC", "Identified", "A deployment caused it. <script>alert(1)</script>"),
            Incidents.Update("2026-11-20 10:02 UTC", "Investigating", "We are investigating.")));
        site.Write("incidents/2026-11-25-webhooks.md", Incidents.File(
            "title: Delayed webhooks\nseverity: SEV3\ncomponents:\n  webhooks: degraded_performance",
            Incidents.Update("2026-11-25 08:00 UTC", "Investigating", "Webhooks are late.")));
        return site;
    }

    private static SyndicationFeed Read(TestSite site, string path)
    {
        using var reader = XmlReader.Create(Path.Combine(site.Output, path));
        return SyndicationFeed.Load(reader);
    }

    [Theory]
    [InlineData("feed.atom")]
    [InlineData("feed.rss")]
    public async Task Site_feed_has_one_entry_per_update_newest_first_with_incident_links(string path)
    {
        using var site = SiteWithTwoIncidents();
        await site.BuildOkAsync();

        var feed = Read(site, path);
        var items = feed.Items.ToList();

        Assert.Equal(
            [
                Base + "incidents/2026-11-25-webhooks/#2026-11-25-webhooks-20261125T080000Z",
                Base + "incidents/2026-11-20-api-errors/#2026-11-20-api-errors-20261120T104200Z",
                Base + "incidents/2026-11-20-api-errors/#2026-11-20-api-errors-20261120T101400Z",
                Base + "incidents/2026-11-20-api-errors/#2026-11-20-api-errors-20261120T100200Z",
            ],
            items.Select(i => i.Id));
        Assert.Equal("Identified — Elevated API error rates", items[2].Title.Text);
        Assert.Equal(new Uri(Base + "incidents/2026-11-20-api-errors/"), items[2].Links.Single().Uri);
        Assert.Equal(DateTimeOffset.Parse("2026-11-20T10:14:00Z", System.Globalization.CultureInfo.InvariantCulture), items[2].PublishDate);
        Assert.Equal(["api", "dashboard"], items[2].Categories.Select(c => c.Name));
        if (path.EndsWith(".atom", StringComparison.Ordinal))
        {
            Assert.Equal(DateTimeOffset.Parse("2026-11-20T10:14:00Z", System.Globalization.CultureInfo.InvariantCulture), items[2].LastUpdatedTime);
            Assert.Equal(items[0].LastUpdatedTime, feed.LastUpdatedTime);
            Assert.Contains(feed.Links, l => l.RelationshipType == "self" && l.Uri == new Uri(Base + "feed.atom"));
        }
    }

    [Fact]
    public async Task Feed_bodies_are_markdown_as_html_with_raw_html_shown_as_text()
    {
        using var site = SiteWithTwoIncidents();
        await site.BuildOkAsync();

        var items = Read(site, "feed.atom").Items.ToList();
        var resolved = (TextSyndicationContent)items[1].Content;
        var identified = (TextSyndicationContent)items[2].Content;

        Assert.Equal("html", resolved.Type);
        Assert.Contains("<strong>normal</strong>", resolved.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", identified.Text, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", identified.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adding_an_update_keeps_the_ids_and_dates_of_earlier_entries()
    {
        using var site = TestSite.Create();
        const string front = "title: Login failures\nseverity: SEV1\ncomponents:\n  api: major_outage";
        var first = Incidents.Update("2026-11-26 09:00 UTC", "Investigating", "Sign-in fails.");
        site.Write("incidents/login.md", Incidents.File(front, first));
        await site.BuildOkAsync();
        var before = Read(site, "feed.atom").Items.Select(i => (i.Id, i.LastUpdatedTime)).ToList();

        site.Write("incidents/login.md", Incidents.File(front, Incidents.Update("2026-11-26 09:30 UTC", "Identified", "Found it."), first));
        await site.BuildOkAsync();
        var after = Read(site, "feed.atom").Items.Select(i => (i.Id, i.LastUpdatedTime)).ToList();

        Assert.Single(before);
        Assert.Equal(2, after.Count);
        Assert.Equal(before[0], after[1]);
        Assert.Equal(Base + "incidents/login/#login-20261126T093000Z", after[0].Id);
    }

    [Fact]
    public async Task Feeds_hold_at_most_the_configured_number_of_entries_newest_first()
    {
        using var site = SiteWithTwoIncidents();
        site.Write("site.yml", TestSite.DefaultSiteYml + "\nfeeds:\n  entries: 2\n");
        await site.BuildOkAsync();

        var atom = Read(site, "feed.atom").Items.Select(i => i.Id).ToList();
        using var json = JsonDocument.Parse(site.ReadOutput("feed.json"));
        var jsonIds = json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();

        Assert.Equal(
            [Base + "incidents/2026-11-25-webhooks/#2026-11-25-webhooks-20261125T080000Z", Base + "incidents/2026-11-20-api-errors/#2026-11-20-api-errors-20261120T104200Z"],
            atom);
        Assert.Equal(atom, jsonIds);
    }

    [Fact]
    public async Task Feed_entry_cap_outside_its_range_is_an_error_with_its_line()
    {
        using var site = SiteWithTwoIncidents();
        site.Write("site.yml", TestSite.DefaultSiteYml + "\nfeeds:\n  entries: 0\n");

        var result = await site.BuildAsync();

        var error = Assert.Single(result.Diagnostics, d => d.Message.Contains("feeds entries", StringComparison.Ordinal));
        Assert.Equal("input/site.yml", error.Path);
        Assert.Equal(TestSite.DefaultSiteYml.Split('\n').Length + 2, error.Line);
        Assert.False(Directory.Exists(site.Output));
    }

    [Fact]
    public async Task Json_feed_is_version_1_1_with_the_same_entries_as_atom()
    {
        using var site = SiteWithTwoIncidents();
        await site.BuildOkAsync();

        using var json = JsonDocument.Parse(site.ReadOutput("feed.json"));
        var root = json.RootElement;
        var items = root.GetProperty("items").EnumerateArray().ToList();
        var atom = Read(site, "feed.atom").Items.ToList();

        Assert.Equal("https://jsonfeed.org/version/1.1", root.GetProperty("version").GetString());
        Assert.Equal(Base + "feed.json", root.GetProperty("feed_url").GetString());
        Assert.Equal(atom.Select(i => i.Id), items.Select(i => i.GetProperty("id").GetString()));
        Assert.Equal("2026-11-20T10:14:00Z", items[2].GetProperty("date_published").GetString());
        Assert.Equal(Base + "incidents/2026-11-20-api-errors/", items[2].GetProperty("url").GetString());
        Assert.Equal(["Public API", "Dashboard"], items[2].GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task Component_feeds_list_only_the_updates_of_incidents_and_maintenance_that_touched_it()
    {
        using var site = SiteWithTwoIncidents();
        site.Write("maintenance/upgrade.md", "---\ntitle: Webhook upgrade\ncomponents: [webhooks]\nscheduled_for: 2026-12-02T02:00:00Z\nscheduled_until: 2026-12-02T03:00:00Z\n---\n\nWe upgrade the webhook senders.\n");
        await site.BuildOkAsync();

        var webhooks = Read(site, "components/webhooks/feed.rss").Items.ToList();
        var dashboard = Read(site, "components/dashboard/feed.atom").Items.ToList();

        Assert.Equal(["Scheduled — Webhook upgrade", "Investigating — Delayed webhooks"], webhooks.Select(i => i.Title.Text));
        Assert.Equal(new Uri(Base + "maintenance/#maintenance-upgrade"), webhooks[0].Links.Single().Uri);
        Assert.Equal(3, dashboard.Count);
        Assert.All(dashboard, i => Assert.EndsWith("Elevated API error rates", i.Title.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Maintenance_that_follows_the_clock_gains_an_entry_for_each_move_with_stable_ids()
    {
        using var site = TestSite.Create();
        site.Write("maintenance/upgrade.md", "---\ntitle: Database upgrade\nscheduled_for: 2026-11-26T02:00:00Z\nscheduled_until: 2026-11-26T04:00:00Z\n---\n\nWe upgrade the database.\n");

        await site.BuildOkAsync("2026-11-26T01:00:00Z");
        var scheduled = Read(site, "feed.atom").Items.Select(i => (i.Id, i.Title.Text)).ToList();
        await site.BuildOkAsync("2026-11-26T05:00:00Z");
        var completed = Read(site, "feed.atom").Items.Select(i => (i.Id, i.Title.Text)).ToList();

        Assert.Equal([(Base + "maintenance/#upgrade-scheduled", "Scheduled — Database upgrade")], scheduled);
        Assert.Equal(
            [
                (Base + "maintenance/#upgrade-completed", "Completed — Database upgrade"),
                (Base + "maintenance/#upgrade-in-progress", "In progress — Database upgrade"),
                scheduled[0],
            ],
            completed);
    }

    [Fact]
    public async Task Postmortems_feed_is_a_valid_empty_atom_feed()
    {
        using var site = SiteWithTwoIncidents();
        await site.BuildOkAsync();

        var feed = Read(site, "postmortems/feed.atom");

        Assert.Empty(feed.Items);
        Assert.Equal(Base + "postmortems/feed.atom", feed.Id);
        Assert.Contains(feed.Links, l => l.RelationshipType == "self" && l.Uri == new Uri(Base + "postmortems/feed.atom"));
    }

    [Fact]
    public async Task Postmortems_feed_lists_each_published_postmortem_newest_first_and_no_draft()
    {
        using var site = TestSite.FromSample();
        var model = (await site.BuildOkAsync()).Model!;

        var feed = Read(site, "postmortems/feed.atom");

        var published = model.Postmortems.OrderByDescending(p => p.Published).ToList();
        Assert.Equal(2, published.Count);
        Assert.Equal(published.Select(p => p.Title), feed.Items.Select(i => i.Title.Text));
        Assert.Equal(published.Select(p => $"https://status.northwind.example/postmortems/{p.Id}/"), feed.Items.Select(i => i.Id));
        Assert.Equal(published.Select(p => p.Published), feed.Items.Select(i => i.PublishDate));
        Assert.All(feed.Items, i => Assert.Equal(i.Id, i.Links.Single().Uri.AbsoluteUri));
        Assert.DoesNotContain(feed.Items, i => i.Id.Contains("storage-metadata", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_page_announces_the_site_feeds_and_component_pages_their_own()
    {
        using var site = SiteWithTwoIncidents();
        await site.BuildOkAsync();

        static List<string?> Alternates(AngleSharp.Html.Dom.IHtmlDocument page) =>
            [.. page.QuerySelectorAll("link[rel=alternate]").Select(l => l.GetAttribute("href"))];

        Assert.Equal(["./feed.atom", "./feed.rss", "./feed.json"], Alternates(site.Page()));
        Assert.Equal(["../../feed.atom", "../../feed.rss", "../../feed.json"], Alternates(site.Page("incidents/2026-11-20-api-errors/")));
        Assert.Equal(
            ["../../feed.atom", "../../feed.rss", "../../feed.json", "../../components/api/feed.atom", "../../components/api/feed.rss"],
            Alternates(site.Page("components/api/")));
    }

    [Fact]
    public async Task Header_subscribe_control_lists_the_site_s_feeds_calendar_API_and_badge_and_on_a_component_page_its_own()
    {
        using var site = SiteWithTwoIncidents();
        await site.BuildOkAsync();

        static List<string> Links(AngleSharp.Html.Dom.IHtmlDocument page) =>
            [.. page.QuerySelectorAll("header details.subscribe a").Select(a => a.GetAttribute("href")!)];
        string[] everyPage = [Routes.Atom, Routes.Rss, Routes.JsonFeed, Routes.PostmortemsAtom, Routes.Calendar, Routes.ApiSummary, Routes.Badge];
        string[] webhooks = [Routes.ComponentAtom("webhooks"), Routes.ComponentRss("webhooks"), Routes.ComponentBadge("webhooks")];

        Assert.Equal([.. everyPage.Select(a => "./" + a)], Links(site.Page()));
        Assert.Equal([.. everyPage.Select(a => "../../" + a)], Links(site.Page("incidents/2026-11-20-api-errors/")));
        var component = site.Page("components/webhooks/");
        Assert.Equal([.. everyPage.Concat(webhooks).Select(a => "../../" + a)], Links(component));
        Assert.All(everyPage.Concat(webhooks), a => Assert.True(File.Exists(Path.Combine(site.Output, a)), a));
        Assert.Equal(
            ["Incidents and maintenance (Atom)", "Incidents and maintenance (RSS)", "Incidents and maintenance (JSON Feed)", "Postmortems (Atom)",
             "Maintenance calendar (iCalendar)", "Status API (Statuspage-compatible JSON)", "Status badge (SVG)",
             "This component (Atom)", "This component (RSS)", "This component's badge (SVG)"],
            component.QuerySelectorAll("header details.subscribe a").Select(a => a.TextContent).ToList());
        Assert.Equal("Subscribe", component.QuerySelector("header details.subscribe > summary")!.TextContent);
    }
}
