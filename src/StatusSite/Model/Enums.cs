namespace StatusSite.Model;

/// <summary>Statuspage's component statuses, ordered from best to worst.</summary>
public enum ComponentStatus
{
    Operational,
    UnderMaintenance,
    DegradedPerformance,
    PartialOutage,
    MajorOutage,
}

/// <summary>Incident severity: SEV1 critical, SEV2 major, SEV3 minor.</summary>
public enum Severity
{
    Sev1,
    Sev2,
    Sev3,
}

/// <summary>The status an incident update announces.</summary>
public enum IncidentStatus
{
    Investigating,
    Identified,
    Monitoring,
    Resolved,
    /// <summary>More news without a change of state.</summary>
    Update,
}

/// <summary>The status a maintenance update announces.</summary>
public enum MaintenanceStatus
{
    Scheduled,
    InProgress,
    Verifying,
    Completed,
    /// <summary>More news without a change of state.</summary>
    Update,
}

/// <summary>Statuspage's overall indicator.</summary>
public enum Indicator
{
    None,
    Minor,
    Major,
    Critical,
}

/// <summary>What a postmortem action item does about the failure.</summary>
public enum ActionItemType
{
    Prevent,
    Mitigate,
    Detect,
    Repair,
    Investigate,
    Process,
}

/// <summary>Action-item priority, P0 most urgent.</summary>
public enum ActionPriority
{
    P0,
    P1,
    P2,
    P3,
}

/// <summary>Where an action item stands.</summary>
public enum ActionItemStatus
{
    Open,
    InProgress,
    Done,
    WontDo,
}

/// <summary>Where <c>tickets sync</c> creates a ticket for each action item.</summary>
public enum TicketTracker
{
    Github,
    Jira,
}
