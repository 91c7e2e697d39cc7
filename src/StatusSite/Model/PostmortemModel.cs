namespace StatusSite.Model;

/// <summary>
/// A published postmortem with every derived fact: the incidents it covers, its metrics and the
/// state of its action items. With several incidents, impact runs from the earliest start to the latest resolution.
/// </summary>
public sealed record PostmortemModel(
    Postmortem Source,
    IReadOnlyList<IncidentModel> Incidents,
    Severity Severity,
    DateTimeOffset Started,
    DateTimeOffset Resolved,
    DateTimeOffset Published,
    IReadOnlyList<PostmortemMetric> Metrics,
    PostmortemLag Lag,
    IReadOnlyList<ActionItemModel> ActionItems,
    IReadOnlyList<PostmortemSectionModel> Sections,
    PostmortemFeedEntry FeedEntry)
{
    public string Id => Source.Id;

    public string Title => Source.Title;

    public string Summary => Source.Summary;

    /// <summary>Impact duration: latest resolution minus earliest start.</summary>
    public TimeSpan ImpactDuration => Resolved - Started;

    /// <summary>Items still to do: open or in progress.</summary>
    public int OpenActionItems => ActionItems.Count(a => a.Source.Status is ActionItemStatus.Open or ActionItemStatus.InProgress);

    public int DoneActionItems => ActionItems.Count(a => a.Source.Status == ActionItemStatus.Done);

    public int WontDoActionItems => ActionItems.Count(a => a.Source.Status == ActionItemStatus.WontDo);
}

/// <summary>
/// One computed metric; its key names its label and one-line definition in the theme's strings.
/// <see cref="Value"/> is null when a milestone it needs (detected, mitigated) was not written.
/// </summary>
public sealed record PostmortemMetric(string Key, TimeSpan? Value);

/// <summary>Postmortem lag: published minus resolved, against <c>policy.postmortem_due</c> for the severity (null when the policy has none).</summary>
public sealed record PostmortemLag(TimeSpan Lag, TimeSpan? Allowed, DateTimeOffset? DueBy)
{
    public bool Late => Allowed is { } allowed && Lag > allowed;
}

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
