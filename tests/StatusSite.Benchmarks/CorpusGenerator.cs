using System.Globalization;
using System.Text;

namespace StatusSite.Benchmarks;

/// <summary>
/// Writes a synthetic but realistic site: N incidents over 11 years, 10 components in 3 groups,
/// 2–5 updates per incident with prose of realistic length, a published postmortem per 50
/// incidents and a maintenance window per 100. Seeded: the same N and seed give the same files.
/// </summary>
public static class CorpusGenerator
{
    /// <summary>The clock the corpus is written for; builds of it use this as --now.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static readonly (string Id, string Name, string Group)[] Components =
    [
        ("api", "Public API", "Core platform"), ("dashboard", "Dashboard", "Core platform"), ("auth", "Authentication", "Core platform"),
        ("database", "Managed Postgres", "Data"), ("storage", "Object storage", "Data"), ("backups", "Backups", "Data"), ("search", "Search", "Data"),
        ("webhooks", "Webhooks", "Delivery"), ("cdn", "CDN", "Delivery"), ("email", "Email delivery", "Delivery"),
    ];

    private static readonly string[] Statuses = ["degraded_performance", "partial_outage", "major_outage"];

    private static readonly string[] Sentences =
    [
        "We are investigating reports of elevated error rates for some customers.",
        "Requests to the affected service may fail or take longer than usual to complete.",
        "Our engineers have identified a configuration change as the likely cause and are rolling it back.",
        "Traffic has been moved away from the affected cluster while we add capacity.",
        "Error rates have returned to normal levels and we are monitoring the service closely.",
        "Customers who saw failed requests during this period can safely retry them.",
        "No data was lost, and requests that failed were not applied.",
        "We will share a further update as soon as we know more, and within the hour at the latest.",
        "A fix has been deployed to all regions and recovery is under way.",
        "Some scheduled jobs ran late; they have all completed now.",
    ];

    public static void Write(string root, int incidents, int seed = 20261126)
    {
        var random = new Random(seed);
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "site.yml"), SiteYml());
        var span = TimeSpan.FromDays(365.25 * 11);
        var spacing = span / Math.Max(1, incidents);
        for (var i = 0; i < incidents; i++)
        {
            // Evenly spread, with jitter, oldest first; the newest incident ends well before the clock.
            var start = Now - span + (spacing * i) + TimeSpan.FromMinutes(random.Next(0, (int)Math.Max(1, spacing.TotalMinutes / 2)));
            if (start > Now.AddHours(-6))
            {
                start = Now.AddHours(-6);
            }

            var id = $"{start.UtcDateTime:yyyy-MM-dd}-incident-{i:D5}";
            var folder = Path.Combine(root, "incidents", start.UtcDateTime.Year.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(folder);
            var postmortem = i % 50 == 25 ? $"pm-{i:D5}" : null;
            var (text, resolvedAt) = Incident(random, id, start, postmortem);
            File.WriteAllText(Path.Combine(folder, id + ".md"), text);
            if (postmortem is not null)
            {
                Directory.CreateDirectory(Path.Combine(root, "postmortems"));
                File.WriteAllText(Path.Combine(root, "postmortems", postmortem + ".md"), Postmortem(id, start, resolvedAt));
            }

            if (i % 100 == 50)
            {
                var window = start.AddDays(3).UtcDateTime.Date.AddHours(2);
                var mid = $"{window:yyyy-MM-dd}-maintenance-{i:D5}";
                Directory.CreateDirectory(Path.Combine(root, "maintenance"));
                File.WriteAllText(Path.Combine(root, "maintenance", mid + ".md"), Maintenance(random, window));
            }
        }
    }

    private static string SiteYml()
    {
        var text = new StringBuilder("""
            title: Benchmark Status
            base_url: https://status.bench.example/
            description: A synthetic site for timing the build.
            language: en
            time_zone: Europe/Berlin
            repository: bench/status
            components:

            """);
        foreach (var (id, name, group) in Components)
        {
            text.Append(CultureInfo.InvariantCulture, $"  - id: {id}\n    name: {name}\n    group: {group}\n    description: The {name.ToLowerInvariant()} service.\n");
        }

        return text.ToString();
    }

    private static (string Text, DateTimeOffset ResolvedAt) Incident(Random random, string id, DateTimeOffset start, string? postmortem)
    {
        var severity = random.Next(10) switch { 0 => "SEV1", < 4 => "SEV2", _ => "SEV3" };
        var touched = Components.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToList();
        var text = new StringBuilder("---\n");
        text.Append(CultureInfo.InvariantCulture, $"title: {Title(random, touched[0].Name)}\nseverity: {severity}\nstarted: {start.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}\ncomponents:\n");
        foreach (var component in touched)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {component.Id}: {Statuses[random.Next(Statuses.Length)]}\n");
        }

        if (postmortem is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"postmortem: {postmortem}\n");
        }

        text.Append("internal:\n  commander: \"@oncall\"\n---\n\n");
        var names = new[] { "Investigating", "Identified", "Monitoring", "Update" };
        var count = random.Next(2, 6);
        var at = start.AddMinutes(random.Next(2, 10));
        var updates = new List<string>();
        for (var u = 0; u < count; u++)
        {
            var last = u == count - 1;
            var status = last ? "Resolved" : u == 0 ? "Investigating" : names[random.Next(1, names.Length)];
            var body = new StringBuilder();
            body.Append(CultureInfo.InvariantCulture, $"## {at.UtcDateTime:yyyy-MM-dd HH:mm} UTC — {status}\n");
            if (u == 1)
            {
                body.Append(CultureInfo.InvariantCulture, $"Components: {touched[0].Id}=degraded_performance\n");
            }

            body.Append('\n').Append(Prose(random, random.Next(2, 6))).Append('\n');
            updates.Add(body.ToString());
            if (!last)
            {
                at = at.AddMinutes(random.Next(10, 55));
            }
        }

        updates.Reverse();
        text.Append(string.Join("\n", updates));
        return (text.ToString(), at);
    }

    private static string Title(Random random, string component) =>
        random.Next(4) switch
        {
            0 => $"Elevated error rates on {component}",
            1 => $"{component} is slow for some customers",
            2 => $"{component} unavailable in one region",
            _ => $"Delays in {component}",
        };

    private static string Prose(Random random, int sentences) =>
        string.Join(" ", Enumerable.Range(0, sentences).Select(_ => Sentences[random.Next(Sentences.Length)]));

    private static string Postmortem(string incidentId, DateTimeOffset start, DateTimeOffset resolvedAt) =>
        $"""
        ---
        title: "Postmortem: {incidentId}"
        incidents: [{incidentId}]
        published: {resolvedAt.AddHours(48).UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}
        summary: A configuration change reduced capacity until it was rolled back.
        authors: [Platform team]
        detected: {start.AddMinutes(1).UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}
        mitigated: {resolvedAt.AddMinutes(-5).UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}
        impact:
          requests_failed: "2% for 30 minutes"
        action_items:
          - title: Add a capacity alert for the connection pool
            type: detect
            priority: P1
            owner: Platform team
            issue: 101
            status: open
            due: {resolvedAt.AddDays(21).UtcDateTime:yyyy-MM-dd}
        ---
        ## Summary
        A configuration change reduced the capacity of one cluster.

        ## Impact
        Some requests failed for about half an hour.

        ## Timeline
        - {start.UtcDateTime:HH:mm} UTC: impact began.
        - {resolvedAt.UtcDateTime:HH:mm} UTC: resolved.

        ## Root cause and contributing factors
        A configuration change lowered a connection limit, and no alert watched that limit.

        ## Five whys
        1. Why did requests fail? Because the pool was exhausted.
        2. Why was the pool exhausted? Because its limit was lowered.
        3. Why was it lowered? Because a change meant for staging was applied to production.
        4. Why was it applied to production? Because both share one configuration file.
        5. Why do they share a file? Because the split was planned but not yet done.

        ## What went well
        The rollback took minutes.

        ## What went wrong
        Detection relied on customer reports.

        ## Where we got lucky
        Traffic was low at the time.

        ## Lessons learned
        Limits need alerts before they need changes.

        """;

    private static string Maintenance(Random random, DateTime window) =>
        $"""
        ---
        title: Planned upgrade of {Components[random.Next(Components.Length)].Name}
        components: [{Components[random.Next(Components.Length)].Id}]
        scheduled_for: {window:yyyy-MM-dd'T'HH:mm:ss'Z'}
        scheduled_until: {window.AddHours(2):yyyy-MM-dd'T'HH:mm:ss'Z'}
        ---
        We are upgrading the service; short interruptions are possible during the window.

        """;
}
