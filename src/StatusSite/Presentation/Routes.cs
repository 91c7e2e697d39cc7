using System.Globalization;
using StatusSite.Model;

namespace StatusSite.Presentation;

/// <summary>
/// The route table: the one place that names every page and file of the site and every anchor on a page.
/// Addresses are site-relative: "" is the home page, a folder ends in '/' ("incidents/x/", written to
/// "incidents/x/index.html"), a file is named as it is ("feed.atom"). Pages, feeds, the API, badges and
/// the sitemap ask here; no other code joins a path. The model keeps ids; this maps them to addresses.
/// </summary>
public static class Routes
{
    /// <summary>The file a folder address is written to.</summary>
    public const string IndexFile = "index.html";

    // Pages.
    public const string Home = "";
    public const string History = "history/";
    public const string Maintenance = "maintenance/";
    public const string Postmortems = "postmortems/";

    /// <summary>Served for any missing address, at any depth.</summary>
    public const string NotFound = "404.html";

    public static string Incident(string id) => "incidents/" + id + "/";

    /// <summary>A month of history by its slug ("2026-11").</summary>
    public static string Month(string slug) => History + slug + "/";

    public static string Component(string id) => "components/" + id + "/";

    public static string ComponentYear(string componentId, int year) => Component(componentId) + year.ToString(CultureInfo.InvariantCulture) + "/";

    public static string Postmortem(string id) => Postmortems + id + "/";

    public static string Of(IncidentModel incident) => Incident(incident.Id);

    public static string Of(Component component) => Component(component.Id);

    public static string Of(ComponentModel component) => Component(component.Id);

    public static string Of(ComponentModel component, ComponentYear year) => ComponentYear(component.Id, year.Year);

    public static string Of(HistoryMonth month) => Month(month.Slug);

    public static string Of(PostmortemModel postmortem) => Postmortem(postmortem.Id);

    /// <summary>A maintenance window's address: its place on the maintenance page.</summary>
    public static string Of(MaintenanceModel maintenance) => Maintenance + "#" + Anchor(maintenance);

    // Anchors: element ids on a page.

    /// <summary>
    /// A maintenance window's element id on the pages that list it. Prefixed, because a file name such as
    /// 'active' must never collide with the theme's own ids.
    /// </summary>
    public static string Anchor(MaintenanceModel maintenance) => "maintenance-" + maintenance.Id;

    /// <summary>An update's element id on its incident's page: its stable id, which never changes when later updates are added.</summary>
    public static string Anchor(IncidentModel incident, IncidentUpdateModel update) => update.StableId(incident.Id);

    /// <summary>An update's address: its place on its incident's page.</summary>
    public static string Of(IncidentModel incident, IncidentUpdateModel update) => Of(incident) + "#" + Anchor(incident, update);

    /// <summary>A step of a maintenance window's story: the id feeds give it on the maintenance page.</summary>
    public static string Of(MaintenanceEntry entry) => Maintenance + "#" + entry.Id;

    // Feeds, calendar and badges.
    public const string Atom = "feed.atom";
    public const string Rss = "feed.rss";
    public const string JsonFeed = "feed.json";
    public const string PostmortemsAtom = Postmortems + Atom;
    public const string Calendar = "maintenance.ics";
    public const string Badge = "badge.svg";

    public static string ComponentAtom(string id) => Component(id) + Atom;

    public static string ComponentRss(string id) => Component(id) + Rss;

    public static string ComponentBadge(string id) => Component(id) + Badge;

    // The Statuspage-compatible API.
    private const string Api = "api/v2/";
    public const string ApiSummary = Api + "summary.json";
    public const string ApiStatus = Api + "status.json";
    public const string ApiComponents = Api + "components.json";
    public const string ApiIncidents = Api + "incidents.json";
    public const string ApiUnresolvedIncidents = Api + "incidents/unresolved.json";
    public const string ApiMaintenances = Api + "scheduled-maintenances.json";
    public const string ApiUpcomingMaintenances = Api + "scheduled-maintenances/upcoming.json";
    public const string ApiActiveMaintenances = Api + "scheduled-maintenances/active.json";

    // For crawlers and browsers.
    public const string Sitemap = "sitemap.xml";
    public const string Robots = "robots.txt";

    /// <summary>The site's icon at the root: browsers ask for /favicon.ico on their own.</summary>
    public const string Favicon = "favicon.ico";

    /// <summary>The site's logo or icon from site.yml, by the name it is published under ('logo.svg').</summary>
    public static string Brand(string name) => "brand/" + name;

    /// <summary>Part <paramref name="number"/> (from 1) of a sitemap split in parts.</summary>
    public static string SitemapPart(int number) => "sitemaps/" + number.ToString(CultureInfo.InvariantCulture) + ".xml";

    /// <summary>A file of the theme's assets/ folder, published as it is.</summary>
    public static string Asset(string name) => "assets/" + name;

    /// <summary>The theme's icon, published at <see cref="Favicon"/>.</summary>
    public static readonly string IconAsset = Asset(Favicon);

    /// <summary>The file a page address is written to: a folder's <see cref="IndexFile"/>, else the address itself.</summary>
    public static string FileOf(string address) => address.Length == 0 || address.EndsWith('/') ? address + IndexFile : address;

    /// <summary>The address a written file is reached at: a folder for its <see cref="IndexFile"/>, else the file.</summary>
    public static string AddressOf(string file) => file.EndsWith(IndexFile, StringComparison.Ordinal) ? file[..^IndexFile.Length] : file;

    /// <summary>
    /// The absolute URL of a site address under base_url. A plain path is joined to a base ending in
    /// '/' as text: a <see cref="System.Uri"/> per page cost 5 % of a 10,000-incident build. Anything else is resolved as a URI.
    /// </summary>
    public static string Absolute(Uri baseUrl, string address)
    {
        var root = baseUrl.AbsoluteUri;
        return root.EndsWith('/') && IsPlainPath(address) ? root + address : UriOf(baseUrl, address).AbsoluteUri;
    }

    /// <summary>The absolute URL of a site address under base_url, as a URI.</summary>
    public static Uri UriOf(Uri baseUrl, string address) => new(baseUrl, address);

    /// <summary>A GitHub issue of <c>owner/name</c> on github.com, where <c>issue: 123</c> links.</summary>
    public static Uri GitHubIssue(string repository, int number) =>
        new($"https://github.com/{repository}/issues/{number.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>A Jira issue under the Jira site <c>tickets.jira_url</c>, where <c>issue: OPS-123</c> links.</summary>
    public static Uri JiraIssue(Uri jiraUrl, string key) =>
        new(new Uri(jiraUrl.AbsoluteUri.TrimEnd('/') + "/"), "browse/" + key);

    /// <summary>
    /// Whether a site path resolves against the base by appending it: it is relative, made of
    /// letters, digits and '-', '_', '~', '.', '/' only, with no empty, "." or ".." part, so a URI
    /// parser would neither escape nor remove anything.
    /// </summary>
    public static bool IsPlainPath(ReadOnlySpan<char> path)
    {
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            var partStart = i == 0 || path[i - 1] == '/';
            if (partStart ? !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '~') : !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '~' or '.' or '/'))
            {
                return false;
            }
        }

        return true;
    }
}
