namespace StatusSite.Model;

/// <summary>
/// A published postmortem with every derived fact: the incidents it covers, its metrics and the
/// state of its action items. With several incidents, impact runs from the earliest start to the latest resolution.
/// </summary>
/// <param name="ImpactDuration">Latest resolution minus earliest start; the 'impact_duration' metric shows it too.</param>
public sealed record PostmortemModel(
    Postmortem Source,
    IReadOnlyList<IncidentModel> Incidents,
    Severity Severity,
    DateTimeOffset Started,
    DateTimeOffset Resolved,
    DateTimeOffset Published,
    TimeSpan ImpactDuration,
    IReadOnlyList<PostmortemMetric> Metrics,
    PostmortemLag Lag,
    IReadOnlyList<ActionItemModel> ActionItems,
    ActionItemCounts ActionCounts,
    IReadOnlyList<PostmortemSectionModel> Sections,
    PostmortemFeedEntry FeedEntry)
{
    public string Id => Source.Id;

    public string Title => Source.Title;

    public string Summary => Source.Summary;

}

/// <summary>How many action items are still to do (open or in progress), done, and not to be done.</summary>
public sealed record ActionItemCounts(int Open, int Done, int WontDo);

/// <summary>
/// One computed metric; its key names its label and one-line definition in the theme's strings.
/// <see cref="Value"/> is null when a milestone it needs (detected, mitigated) was not written.
/// </summary>
public sealed record PostmortemMetric(string Key, TimeSpan? Value);

/// <summary>Postmortem lag: published minus resolved, against <c>policy.postmortem_due</c> for the severity (null when the policy has none).</summary>
/// <param name="Late">Whether it was published after <paramref name="DueBy"/>.</param>
public sealed record PostmortemLag(TimeSpan Lag, TimeSpan? Allowed, DateTimeOffset? DueBy, bool Late);

/// <summary>An action item with its issue link resolved against <c>site.repository</c>.</summary>
public sealed record ActionItemModel(ActionItem Source, Uri? IssueUrl, string? IssueLabel);

/// <summary>A section as the page shows it; <see cref="Whys"/> is set when it is the Five Whys written as a numbered list.</summary>
public sealed record PostmortemSectionModel(string Heading, string Markdown, IReadOnlyList<FiveWhy>? Whys);

/// <summary>One link of the Five Whys chain: the question and its answer, each Markdown.</summary>
public sealed record FiveWhy(string Question, string Answer);

/// <summary>What a feed entry for a published postmortem needs; the Atom writer displays it.</summary>
/// <param name="Id">Stable: the page's absolute URL.</param>
public sealed record PostmortemFeedEntry(string Id, string Title, string Summary, DateTimeOffset Published, Uri Link);

/// <summary>
/// An incident's postmortem, as its page shows it: a link to the published one, or for a resolved incident
/// whose severity <c>policy.postmortem_due</c> covers, when it is due and whether that has passed.
/// </summary>
public sealed record IncidentPostmortem(string? Id, string? Title, DateTimeOffset? DueBy, bool Overdue);
