using System.Globalization;
using StatusSite.Core;
using StatusSite.Model;

namespace StatusSite.Reading;

/// <summary>Reads input/site.yml into <see cref="SiteSettings"/>, filling the documented defaults.</summary>
/// <param name="brandFiles">Reads the logo and icon; without it (for the writing commands) they are neither read nor published.</param>
internal sealed partial class SiteSettingsReader(DiagnosticBag diagnostics, BrandReader? brandFiles = null)
{
    private static readonly Dictionary<string, ImageKind> LogoKinds = new() { [".svg"] = ImageKind.Svg, [".png"] = ImageKind.Png };
    private static readonly Dictionary<string, ImageKind> IconKinds = new() { [".svg"] = ImageKind.Svg, [".png"] = ImageKind.Png, [".ico"] = ImageKind.Ico };

    public SiteSettings? Read(string path, string display)
    {
        if (!File.Exists(path))
        {
            diagnostics.Error(display, 0, "site.yml is missing; create it with at least 'title:', 'base_url:' and 'components:' (see the README's content reference)");
            return null;
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(display, 0, $"site.yml cannot be read ({e.Message}); check its permissions");
            return null;
        }

        if (!ContentLimits.CheckControlCharacters(display, text, diagnostics))
        {
            return null;
        }

        var before = diagnostics.ErrorCount;
        var dto = new YamlBinder(display, 0, diagnostics).Parse<SiteDto>(text.Replace("\r\n", "\n", StringComparison.Ordinal), 1);
        if (dto is null)
        {
            return null;
        }

        var baseUrl = BaseUrl(display, dto);
        var supportUrl = dto.SupportUrl is null ? null : WebAddress(display, dto, nameof(SiteDto.SupportUrl), dto.SupportUrl, "https://acme.example/support");
        var timeZone = TimeZoneOf(display, dto);
        var components = Components(display, dto);
        var policy = PolicyOf(display, dto.Policy);
        var uptime = UptimeOf(display, dto.Uptime);
        var feedEntries = FeedEntriesOf(display, dto.Feeds);
        var language = LanguageOf(display, dto);
        var metrics = MetricsOf(display, dto.Metrics, components);
        var brand = BrandOf(display, dto);
        var tickets = TicketsOf(display, dto);
        var reminders = RemindersOf(display, dto);

        if (diagnostics.ErrorCount > before || baseUrl is null || timeZone is null || language is null || dto.Title is null)
        {
            return null;
        }

        WarnOfPlaceholders(display, dto);

        return new SiteSettings(dto.Title, baseUrl, dto.Description ?? "", language, timeZone, supportUrl?.AbsoluteUri, dto.Repository, components, policy, uptime, feedEntries) { Metrics = metrics, Brand = brand, Tickets = tickets, Reminders = reminders };
    }

    /// <summary>The accent (checked for contrast on the theme's backgrounds in each scheme), the logo, and the icon, which is the logo's unless site.yml names one.</summary>
    private Brand BrandOf(string display, SiteDto dto)
    {
        var light = ColourOf(display, dto, nameof(SiteDto.Accent), dto.Accent, Brand.LightBackgrounds, "light", "darker", Contrast.Black);
        var dark = ColourOf(display, dto, nameof(SiteDto.AccentDark), dto.AccentDark, Brand.DarkBackgrounds, "dark", "lighter", Contrast.White);
        Accent? accent = null;
        if (dto.Has(nameof(SiteDto.AccentDark)) && !dto.Has(nameof(SiteDto.Accent)))
        {
            diagnostics.Error(display, dto.LineOf(nameof(SiteDto.AccentDark)), "accent_dark is set without accent; add 'accent:' with the colour for the light scheme, such as accent: \"#0b57c2\"");
        }
        else if (light is { } lightAccent)
        {
            // Without accent_dark, the dark scheme takes the accent lightened just enough, so links keep the brand's hue.
            accent = new Accent(lightAccent, dark ?? Contrast.Adjusted(lightAccent, Contrast.White, Brand.DarkBackgrounds)!.Value);
        }

        BrandImage? Image(string? relative, string property, IReadOnlyDictionary<string, ImageKind> kinds, string name) =>
            relative is null || brandFiles is null ? null : brandFiles.Read(relative, EnumNames.SnakeCase(property), dto.LineOf(property), display, kinds, name);

        var logo = Image(dto.Logo, nameof(SiteDto.Logo), LogoKinds, "logo");
        var icon = Image(dto.Favicon, nameof(SiteDto.Favicon), IconKinds, "icon") ?? logo;
        return accent is null && logo is null && icon is null ? Brand.None : new Brand(accent, logo, icon);
    }

    /// <summary>
    /// A #rrggbb colour that reaches 4.5:1 on every background of its scheme; null, with the error and a colour that
    /// would pass, otherwise. A key without a value is most often <c>accent: #0b57c2</c>, where YAML reads a comment.
    /// </summary>
    private Colour? ColourOf(string display, SiteDto dto, string property, string? value, IReadOnlyList<Colour> backgrounds, string scheme, string direction, Colour towards)
    {
        var (key, line) = (EnumNames.SnakeCase(property), dto.LineOf(property));
        if (!dto.Has(property))
        {
            return null;
        }

        if (!Colour.TryParse(value?.Trim(), out var colour))
        {
            diagnostics.Error(display, line, value is null
                ? $"{key} has no value; a '#' after a space starts a YAML comment, so put the colour in quotes, such as {key}: \"#0b57c2\""
                : $"{key} '{MessageText.Excerpt(value)}' is not a colour written as #rrggbb; write six hexadecimal digits in quotes, such as {key}: \"#0b57c2\"");
            return null;
        }

        var ratio = Contrast.Lowest(colour, backgrounds);
        if (ratio < Contrast.TextMinimum)
        {
            var suggestion = Contrast.Adjusted(colour, towards, backgrounds);
            diagnostics.Error(display, line, string.Create(CultureInfo.InvariantCulture, $"{key} {colour} has a contrast of {Math.Floor(ratio * 100) / 100:0.00}:1 on the {scheme} background; WCAG AA needs {Contrast.TextMinimum}:1 for links and buttons — use a {direction} colour such as {suggestion}"));
            return null;
        }

        return colour;
    }

    /// <summary>
    /// <c>tickets:</c>: Jira needs its project key; GitHub Issues is the tracker when none is named and <c>repository</c> is set.
    /// </summary>
    private TicketSettings TicketsOf(string display, SiteDto site)
    {
        var dto = site.Tickets;
        if (dto is null)
        {
            return site.Repository is null ? TicketSettings.None : TicketSettings.None with { Tracker = TicketTracker.Github };
        }

        var line = site.LineOf(nameof(SiteDto.Tickets));
        var jiraUrl = dto.JiraUrl is null ? null : WebAddress(display, dto, nameof(TicketsDto.JiraUrl), dto.JiraUrl, "https://acme.atlassian.net");
        var tracker = dto.Tracker ?? (site.Repository is null ? null : TicketTracker.Github);
        var project = dto.Project?.Trim();
        if (project is not null && !JiraProjectKey().IsMatch(project))
        {
            diagnostics.Error(display, dto.LineOf(nameof(TicketsDto.Project)), $"tickets project '{project}' is not a Jira project key; write the key as Jira shows it in issue keys, such as 'OPS' for OPS-123");
        }
        else if (tracker == TicketTracker.Jira && project is null)
        {
            diagnostics.Error(display, dto.LineOf(nameof(TicketsDto.Tracker)), "tickets tracker is jira, but no project is named; add the Jira project key, such as 'tickets: { tracker: jira, project: OPS, issue_type: Task, jira_url: https://acme.atlassian.net }'");
        }

        if (tracker == TicketTracker.Jira && dto.JiraUrl is null)
        {
            diagnostics.Error(display, dto.LineOf(nameof(TicketsDto.Tracker)), "tickets tracker is jira, but no jira_url is given for the links to its tickets; add 'jira_url: https://acme.atlassian.net' (your Jira site) under 'tickets:'");
        }

        var issueType = string.IsNullOrWhiteSpace(dto.IssueType) ? TicketSettings.DefaultIssueType : dto.IssueType.Trim();
        return new TicketSettings(tracker, project, issueType, jiraUrl, line);
    }

    /// <summary>A Jira project key: a capital letter, then capitals, digits or '_'.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^[A-Z][A-Z0-9_]{0,254}$")]
    private static partial System.Text.RegularExpressions.Regex JiraProjectKey();

    /// <summary>The placeholders 'statussite init' writes build a site, but not one to publish.</summary>
    private void WarnOfPlaceholders(string display, SiteDto dto)
    {
        if (dto.Title == Authoring.SiteScaffold.PlaceholderTitle)
        {
            diagnostics.Warning(display, dto.LineOf(nameof(SiteDto.Title)), $"the title is still the placeholder '{dto.Title}'; write your own, such as 'Acme Status'", Authoring.SiteScaffold.PlaceholderRule);
        }

        if (dto.BaseUrl == Authoring.SiteScaffold.PlaceholderBaseUrl)
        {
            diagnostics.Warning(display, dto.LineOf(nameof(SiteDto.BaseUrl)), $"base_url is still the placeholder '{dto.BaseUrl}'; write the address the site is published at, such as 'https://<owner>.github.io/<repository>/' for GitHub Pages, or your own domain", Authoring.SiteScaffold.PlaceholderRule);
        }
    }

    private Uri? BaseUrl(string display, SiteDto dto)
    {
        if (dto.BaseUrl is null || WebAddress(display, dto, nameof(SiteDto.BaseUrl), dto.BaseUrl, "https://status.example.com/") is not { } uri)
        {
            return null;
        }

        // Relative URLs resolve against a folder only when it ends in '/'.
        return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }

    /// <summary>An address the site links to: absolute, http or https (never javascript:, data: or the like); null, with the error, otherwise.</summary>
    private Uri? WebAddress(string display, YamlDto dto, string property, string value, string example)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            return uri;
        }

        diagnostics.Error(display, dto.LineOf(property), $"{EnumNames.SnakeCase(property)} '{value}' is not an absolute web address; write it as '{example}'");
        return null;
    }

    /// <summary>
    /// The language as an IETF tag .NET knows ('en', 'pt-BR'), spelt the way .NET spells it, so 'pt-br'
    /// finds theme/i18n/pt-BR.yml; only known tags, so it never names anything but a language file.
    /// </summary>
    private string? LanguageOf(string display, SiteDto dto)
    {
        var tag = dto.Language ?? "en";
        try
        {
            var culture = CultureInfo.GetCultureInfo(tag, predefinedOnly: true);
            if (culture.Name.Length > 0)
            {
                return culture.Name;
            }
        }
        catch (CultureNotFoundException)
        {
        }

        diagnostics.Error(display, dto.LineOf(nameof(SiteDto.Language)), $"language '{tag}' is not a language code; write one such as 'en', 'de' or 'pt-BR'");
        return null;
    }

    private TimeZoneInfo? TimeZoneOf(string display, SiteDto dto)
    {
        var id = dto.TimeZone ?? "UTC";
        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return zone;
        }

        diagnostics.Error(display, dto.LineOf(nameof(SiteDto.TimeZone)), $"time_zone '{id}' is not a known IANA zone; write one such as 'Europe/Berlin', 'America/New_York' or 'UTC'");
        return null;
    }

    private List<Component> Components(string display, SiteDto dto)
    {
        var components = new List<Component>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        // Each group's id (a slug of its name) with the name and line that first gave it.
        var groups = new Dictionary<string, (string Name, int Line)>(StringComparer.Ordinal);
        foreach (var item in dto.Components ?? [])
        {
            if (item.Id is null || item.Name is null)
            {
                continue;
            }

            if (!ContentReader.IdPattern().IsMatch(item.Id))
            {
                diagnostics.Error(display, item.LineOf(nameof(ComponentDto.Id)), $"component id '{item.Id}' is not usable in an address; use lower-case letters, digits and '-', such as 'public-api'");
                continue;
            }

            if (!ids.Add(item.Id))
            {
                diagnostics.Error(display, item.LineOf(nameof(ComponentDto.Id)), $"component id '{item.Id}' is listed twice; give each component its own id");
                continue;
            }

            var group = string.IsNullOrWhiteSpace(item.Group) ? null : item.Group.Trim();
            if (group is not null)
            {
                var (groupId, line) = (ComponentGroups.IdOf(group), item.LineOf(nameof(ComponentDto.Group)));
                if (groups.TryGetValue(groupId, out var first) && first.Name != group)
                {
                    diagnostics.Error(display, line, $"the group '{group}' gets the id '{groupId}', which the group '{first.Name}' (line {first.Line}) already has; write '{first.Name}' to join that group, or a name that differs in its letters or digits");
                    continue;
                }

                groups.TryAdd(groupId, (group, line));
            }

            components.Add(new Component(item.Id, item.Name, group, item.Description, components.Count + 1));
        }

        if (dto.Components is { Count: 0 })
        {
            diagnostics.Error(display, dto.LineOf(nameof(SiteDto.Components)), "the component catalogue is empty; list at least one component, such as '- { id: api, name: Public API }'");
        }

        foreach (var group in components.Where(c => c.Group is not null).Select(c => ComponentGroups.IdOf(c.Group!)).Distinct())
        {
            if (ids.Contains(group))
            {
                diagnostics.Error(display, dto.LineOf(nameof(SiteDto.Components)), $"the group name gives the id '{group}', which a component already uses; rename the group or the component");
            }
        }

        return components;
    }

    private Policy PolicyOf(string display, PolicyDto? dto) =>
        new(
            SeverityMap(display, dto?.UpdateInterval, new() { [Severity.Sev1] = TimeSpan.FromMinutes(30), [Severity.Sev2] = TimeSpan.FromMinutes(60) }),
            SeverityMap(display, dto?.PostmortemDue, new() { [Severity.Sev1] = TimeSpan.FromHours(72), [Severity.Sev2] = TimeSpan.FromHours(72) }),
            dto?.StaleAfter ?? TimeSpan.FromMinutes(30));

    private Dictionary<Severity, TimeSpan> SeverityMap(string display, YamlMap<TimeSpan>? map, Dictionary<Severity, TimeSpan> defaults)
    {
        if (map is null)
        {
            return defaults;
        }

        var result = new Dictionary<Severity, TimeSpan>();
        foreach (var entry in map.Entries)
        {
            if (EnumNames.TryParse(typeof(Severity), entry.Key, out var severity))
            {
                result[(Severity)severity!] = entry.Value;
            }
            else
            {
                diagnostics.Error(display, entry.Line, $"unknown severity '{entry.Key}'; write SEV1, SEV2 or SEV3");
            }
        }

        return result;
    }

    private int FeedEntriesOf(string display, FeedsDto? dto)
    {
        var entries = dto?.Entries ?? SiteSettings.DefaultFeedEntries;
        if (entries is < 1 or > 1000)
        {
            diagnostics.Error(display, dto!.LineOf(nameof(FeedsDto.Entries)), $"feeds entries is {entries}; write a number of entries from 1 to 1000, such as {SiteSettings.DefaultFeedEntries}");
            return SiteSettings.DefaultFeedEntries;
        }

        return entries;
    }

    private UptimeSettings UptimeOf(string display, UptimeDto? dto)
    {
        var weights = new Dictionary<ComponentStatus, double>
        {
            [ComponentStatus.Operational] = 0,
            [ComponentStatus.UnderMaintenance] = 0,
            [ComponentStatus.DegradedPerformance] = 0,
            [ComponentStatus.PartialOutage] = 0.3,
            [ComponentStatus.MajorOutage] = 1.0,
        };
        foreach (var entry in dto?.Weights?.Entries ?? [])
        {
            if (!EnumNames.TryParse(typeof(ComponentStatus), entry.Key, out var status))
            {
                var names = EnumNames.All(typeof(ComponentStatus));
                diagnostics.Error(display, entry.Line, $"unknown status '{entry.Key}'{MessageText.DidYouMean(entry.Key, names)}; write one of {MessageText.OneOf(names)}");
            }
            else if (entry.Value is < 0 or > 1)
            {
                diagnostics.Error(display, entry.Line, $"the weight of '{entry.Key}' is {entry.Value}; write a share between 0 and 1, such as 0.3");
            }
            else
            {
                weights[(ComponentStatus)status!] = entry.Value;
            }
        }

        var days = dto?.Days ?? 90;
        if (days is < 1 or > 366)
        {
            diagnostics.Error(display, dto!.LineOf(nameof(UptimeDto.Days)), $"uptime days is {days}; write a number of days from 1 to 366, such as 90");
            days = 90;
        }

        return new UptimeSettings(days, weights);
    }

    private List<MetricDefinition> MetricsOf(string display, List<MetricDto>? dtos, List<Component> components)
    {
        var metrics = new List<MetricDefinition>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var known = components.Select(c => c.Id).ToList();
        foreach (var item in dtos ?? [])
        {
            if (item.Id is null || item.Name is null || item.Unit is null || item.Source is not { } source || item.Query is null)
            {
                continue;
            }

            var before = diagnostics.ErrorCount;
            if (!ContentReader.IdPattern().IsMatch(item.Id))
            {
                diagnostics.Error(display, item.LineOf(nameof(MetricDto.Id)), $"metric id '{item.Id}' is not usable as a file name; use lower-case letters, digits and '-', such as 'api-latency'");
            }
            else if (!ids.Add(item.Id))
            {
                diagnostics.Error(display, item.LineOf(nameof(MetricDto.Id)), $"metric id '{item.Id}' is listed twice; give each metric its own id");
            }

            if (string.IsNullOrWhiteSpace(item.Query))
            {
                diagnostics.Error(display, item.LineOf(nameof(MetricDto.Query)), $"the query of metric '{item.Id}' is empty; write the {(source == MetricSource.Datadog ? "Datadog metrics query, such as 'avg:trace.http.request.duration{service:api}'" : "NRQL query, such as 'SELECT average(duration) FROM Transaction'")}");
            }
            else if (source == MetricSource.Newrelic && NrqlTimeClause().Match(item.Query) is { Success: true } clause)
            {
                diagnostics.Error(display, item.LineOf(nameof(MetricDto.Query)), $"the NRQL query of metric '{item.Id}' has its own {clause.Value.ToUpperInvariant()}; leave out SINCE, UNTIL and TIMESERIES, which 'metrics pull' adds for each range it fetches");
            }

            var range = item.Range ?? TimeSpan.FromDays(7);
            if (!MetricDefinition.Ranges.Contains(range))
            {
                diagnostics.Error(display, item.LineOf(nameof(MetricDto.Range)), string.Create(CultureInfo.InvariantCulture, $"metric '{item.Id}' has a range of {range.TotalHours:0.##} hours; write 24h, 7d or 30d"));
            }

            foreach (var component in item.Components ?? [])
            {
                if (!known.Contains(component))
                {
                    diagnostics.Error(display, item.LineOf(nameof(MetricDto.Components)), $"metric '{item.Id}' names the component '{component}', which the catalogue does not list{MessageText.DidYouMean(component, known)}; write one of the component ids");
                }
            }

            if (diagnostics.ErrorCount == before)
            {
                metrics.Add(new MetricDefinition(item.Id, item.Name, item.Unit, item.Components ?? [], source, item.Query.Trim(), range, item.Baseline, item.Line));
            }
        }

        return metrics;
    }

    /// <summary>GitHub's own limits: a login of letters, digits and single inner hyphens (39 at most), ten assignees, labels of 50 characters.</summary>
    /// <remarks>Reminders are on when the section is there, even empty ('reminders:' alone opens unassigned, unlabelled issues).</remarks>
    private ReminderSettings? RemindersOf(string display, SiteDto site)
    {
        if (!site.Has(nameof(SiteDto.Reminders)))
        {
            return null;
        }

        if (site.Reminders is not { } dto)
        {
            return ReminderSettings.None;
        }

        var assignees = (dto.Assignees ?? []).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var login in assignees.Where(a => a.Length > 39 || !GitHubLogin().IsMatch(a)))
        {
            var hint = login.StartsWith('@') ? $"write it without the '@', as '{login.TrimStart('@')}'" : "write a GitHub user name, such as 'octocat'";
            diagnostics.Error(display, dto.LineOf(nameof(RemindersDto.Assignees)), $"reminders assignee '{login}' is not a GitHub login; {hint}");
        }

        if (assignees.Count > 10)
        {
            diagnostics.Error(display, dto.LineOf(nameof(RemindersDto.Assignees)), $"reminders lists {assignees.Count} assignees; GitHub assigns an issue to 10 at most, so list 10 or fewer (a team's members can watch the label instead)");
        }

        var labels = (dto.Labels ?? []).Select(l => l.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var label in labels.Where(l => l.Length is 0 or > 50))
        {
            diagnostics.Error(display, dto.LineOf(nameof(RemindersDto.Labels)), $"reminders label '{label}' is {(label.Length == 0 ? "empty" : $"{label.Length} characters long")}; GitHub labels have 1 to 50 characters, such as 'incident-reminder'");
        }

        return new ReminderSettings(assignees, labels);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex GitHubLogin();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(since|until|timeseries)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex NrqlTimeClause();
}
