using StatusSite.Model;

namespace StatusSite.Presentation;

/// <summary>A month of history with its neighbours, for the month page's navigation.</summary>
public sealed record MonthPage(HistoryMonth Month, HistoryMonth? Newer, HistoryMonth? Older);

/// <summary>One year of a component's incidents with the neighbouring years, for its page's navigation.</summary>
public sealed record ComponentYearPage(ComponentModel Component, ComponentYear Year, ComponentYear? Newer, ComponentYear? Older);
