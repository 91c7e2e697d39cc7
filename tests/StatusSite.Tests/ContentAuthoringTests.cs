using StatusSite.Authoring;
using StatusSite.Model;
using StatusSite.Tests.Support;

namespace StatusSite.Tests;

public sealed class ContentAuthoringTests
{
    private const string Display = "input/incidents/2026/x.md";
    private static readonly IReadOnlySet<string> Catalogue = new HashSet<string>(StringComparer.Ordinal) { "api", "dashboard", "webhooks" };
    private static readonly DateTimeOffset Now = TestSite.Parse("2026-11-26T11:00:20Z");

    private static readonly string NewestFirst = Incidents.File(
        "title: Elevated API error rates\nseverity: SEV2\ncomponents:\n  api: partial_outage",
        Incidents.Update("2026-11-26 10:14 UTC", "Identified", "We rolled back.", components: "dashboard=degraded_performance"),
        Incidents.Update("2026-11-26 10:02 UTC", "Investigating", "We are investigating."));

    private static readonly string OldestFirst = Incidents.File(
        "title: Elevated API error rates\nseverity: SEV2\ncomponents:\n  api: partial_outage",
        Incidents.Update("2026-11-26 10:02 UTC", "Investigating", "We are investigating."),
        Incidents.Update("2026-11-26 10:14 UTC", "Identified", "We rolled back."));

    [Fact]
    public void Update_goes_above_the_newest_update_in_a_newest_first_file()
    {
        var result = ContentAuthoring.AddUpdate(Display, NewestFirst, IncidentStatus.Monitoring, "Error rates are back to normal.", [new ComponentChange("api", ComponentStatus.Operational)], Now, Now.AddMinutes(30), Catalogue);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var text = result.Text!;
        Assert.Contains("---\n\n## 2026-11-26 11:00 UTC — Monitoring\nComponents: api=operational\nNext update: 2026-11-26 11:30 UTC\n\nError rates are back to normal.\n\n## 2026-11-26 10:14 UTC — Identified\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_goes_at_the_end_of_an_oldest_first_file()
    {
        var result = ContentAuthoring.AddUpdate(Display, OldestFirst, IncidentStatus.Update, "Still watching.", [], Now, null, Catalogue);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.EndsWith("We rolled back.\n\n## 2026-11-26 11:00 UTC — Update\n\nStill watching.\n", result.Text!, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_in_the_same_minute_as_the_latest_is_written_with_seconds_so_the_order_stays_clear()
    {
        var result = ContentAuthoring.AddUpdate(Display, NewestFirst, IncidentStatus.Update, "More news.", [], TestSite.Parse("2026-11-26T10:14:40Z"), null, Catalogue);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Contains("## 2026-11-26T10:14:40Z — Update\n", result.Text!, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_within_the_same_second_as_the_latest_is_written_with_milliseconds()
    {
        var declared = ContentAuthoring.NewIncident(Display, "Errors", Severity.Sev2, [], null, TestSite.Parse("2026-11-26T10:14:00Z"), null, Catalogue).Text!;

        var result = ContentAuthoring.AddUpdate(Display, declared, IncidentStatus.Identified, "Found it.", [], TestSite.Parse("2026-11-26T10:14:00Z").AddMilliseconds(250), null, Catalogue);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Contains("## 2026-11-26T10:14:00.250Z — Identified\n", result.Text!, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_keeps_the_files_crlf_line_endings()
    {
        var crlf = NewestFirst.Replace("\n", "\r\n", StringComparison.Ordinal);

        var result = ContentAuthoring.AddUpdate(Display, crlf, IncidentStatus.Update, "More news.", [], Now, null, Catalogue);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.DoesNotContain("\n", result.Text!.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("## 2026-11-26 11:00 UTC — Update\r\n\r\nMore news.\r\n\r\n## 2026-11-26 10:14 UTC", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_dated_before_the_latest_update_is_refused()
    {
        var result = ContentAuthoring.AddUpdate(Display, NewestFirst, IncidentStatus.Update, "More news.", [], TestSite.Parse("2026-11-26T10:00:00Z"), null, Catalogue);

        Assert.False(result.Succeeded);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal($"{Display}:8: the latest update is at 2026-11-26T10:14:00Z, not before the current time 2026-11-26T10:00:00Z; check the clock, or wait a minute and post again", diagnostic.ToString());
    }

    [Fact]
    public void Resolve_sets_every_component_the_incident_touched_back_to_operational()
    {
        var result = ContentAuthoring.Resolve(Display, NewestFirst, null, Now, Catalogue);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Contains("## 2026-11-26 11:00 UTC — Resolved\nComponents: api=operational, dashboard=operational\n\nThis incident has been resolved.", result.Text!, StringComparison.Ordinal);
    }

    [Fact]
    public void A_resolved_incident_takes_no_further_update()
    {
        var resolved = ContentAuthoring.Resolve(Display, NewestFirst, "Fixed.", Now, Catalogue).Text!;

        var result = ContentAuthoring.AddUpdate(Display, resolved, IncidentStatus.Update, "Again?", [], Now.AddMinutes(5), null, Catalogue);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal($"{Display}:8: this incident was resolved at 2026-11-26 11:00 UTC; if the problem came back, declare a new incident with 'statussite new incident'", diagnostic.ToString());
    }

    [Fact]
    public void A_broken_incident_file_is_not_edited_and_its_errors_are_reported()
    {
        var broken = NewestFirst.Replace("severity: SEV2", "severity: SEV7", StringComparison.Ordinal);

        var result = ContentAuthoring.AddUpdate(Display, broken, IncidentStatus.Update, "More news.", [], Now, null, Catalogue);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Diagnostics, d => d.Line == 3 && d.Message.Contains("unknown value 'SEV7'", StringComparison.Ordinal));
    }

    [Fact]
    public void New_incident_quotes_a_title_with_a_colon_and_reads_back_as_written()
    {
        var result = ContentAuthoring.NewIncident(Display, "Checkout: \"pay\" fails", Severity.Sev1, [new ComponentChange("api", ComponentStatus.MajorOutage)], null, Now, null, Catalogue);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.StartsWith("---\ntitle: \"Checkout: \\\"pay\\\" fails\"\nseverity: SEV1\ncomponents:\n  api: major_outage\n---\n\n## 2026-11-26 11:00 UTC — Investigating\n\n", result.Text!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Elevated API error rates", "elevated-api-error-rates")]
    [InlineData("  Zürich: Log-in / SSO — failing!! ", "zurich-log-in-sso-failing")]
    [InlineData("???", "incident")]
    public void Slug_is_lower_case_ascii_joined_by_hyphens(string title, string slug) =>
        Assert.Equal(slug, ContentAuthoring.Slug(title));

    [Fact]
    public void New_maintenance_ending_before_it_starts_is_refused_with_the_readers_message()
    {
        var result = ContentAuthoring.NewMaintenance("input/maintenance/m.md", "Upgrade", [], Now, Now.AddHours(-1), null, Catalogue);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("input/maintenance/m.md:4: the window ends (2026-11-26 10:00 UTC) before it starts (2026-11-26 11:00 UTC); 'scheduled_until' must be after 'scheduled_for'", diagnostic.ToString());
    }

    [Fact]
    public void Atomic_writer_never_replaces_an_existing_file_when_told_not_to()
    {
        var folder = Path.Combine(Path.GetTempPath(), "statussite-atomic-" + Guid.NewGuid().ToString("N")[..8]);
        var path = Path.Combine(folder, "x.md");
        try
        {
            AtomicFileWriter.Write(path, "first", overwrite: false);
            Assert.ThrowsAny<IOException>(() => AtomicFileWriter.Write(path, "second", overwrite: false));
            AtomicFileWriter.Write(path, "third", overwrite: true);

            Assert.Equal("third", File.ReadAllText(path));
            Assert.Equal(["x.md"], Directory.GetFiles(folder).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
