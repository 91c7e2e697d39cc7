namespace StatusSite.Tests.Support;

/// <summary>Builders for postmortem files in tests: a complete, blameless postmortem whose parts a test can replace.</summary>
internal static class Postmortems
{
    public const string Summary = "A configuration change exhausted the connection pool of the API tier.";

    public const string Timeline = """
        All times UTC.

        - 10:00 — A configuration change reaches the API tier.
        - 10:05 — The error-rate alert pages the on-call engineer.
        """;

    public const string RootCause = """
        The pool size setting was renamed in the new version of the library, and the old name was ignored.

        - **No check for unknown settings.** Nothing rejected the old name.
        """;

    public const string Whys = """
        1. Why did requests fail? Because the connection pool was exhausted.
        2. Why was the pool exhausted? Because its size setting was ignored.
        3. Why was the setting ignored? Because the library renamed it without an error.
        """;

    /// <summary>The front matter (without the '---' lines) of a published postmortem of <paramref name="incident"/>.</summary>
    public static string FrontMatter(string incident = "api-outage", string published = "2026-11-22T13:30:00Z", string extra = "", string actionItems = DefaultActionItems) =>
        $"""
        title: "Postmortem: API outage"
        incidents: [{incident}]
        {(published.Length > 0 ? "published: " + published : "")}
        summary: {Summary}
        authors: [Platform team]
        {extra}
        {actionItems}
        """;

    public const string DefaultActionItems = """
        action_items:
          - title: Add connection-pool saturation alert
            type: detect
            priority: P1
            owner: Platform team
            issue: 42
            status: open
            due: 2026-12-15
        """;

    public static string Body(string? summary = null, string? impact = null, string? timeline = null, string? rootCause = null, string? whys = null, string? wentWell = null) =>
        $"""
        ## Summary

        {summary ?? "The API tier ran out of database connections for 40 minutes."}

        ## Impact

        {impact ?? "About 4% of API requests failed."}

        ## Timeline

        {timeline ?? Timeline}

        ## Root cause and contributing factors

        {rootCause ?? RootCause}

        ## Five whys

        {whys ?? Whys}

        ## What went well

        {wentWell ?? "The alert paged within five minutes."}
        """;

    public static string File(string frontMatter, string body) =>
        "---\n" + string.Join("\n", frontMatter.Trim().Split('\n').Where(l => l.Trim().Length > 0)) + "\n---\n\n" + body.Trim() + "\n";

    /// <summary>The 1-based line of the first line containing <paramref name="text"/>, counted independently of the tool.</summary>
    public static int LineOf(string file, string text)
    {
        var lines = file.Split('\n');
        var index = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        Assert.True(index >= 0, $"'{text}' is not in the file");
        return index + 1;
    }

    /// <summary>A resolved SEV2 incident: impact 10:00, first update 10:10, monitoring 10:40, resolved 11:30 on 20 Nov 2026.</summary>
    public static string Incident(string severity = "SEV2", string extra = "") => Incidents.File(
        $"""
        title: API outage
        severity: {severity}
        components:
          api: major_outage
        started: 2026-11-20T10:00:00Z
        {extra}
        """,
        Incidents.Update("2026-11-20 11:30 UTC", "Resolved", "The API is working normally."),
        Incidents.Update("2026-11-20 10:40 UTC", "Monitoring", "A fix is in place.", components: "api=degraded_performance"),
        Incidents.Update("2026-11-20 10:10 UTC", "Investigating", "We are investigating failing API requests."));
}
