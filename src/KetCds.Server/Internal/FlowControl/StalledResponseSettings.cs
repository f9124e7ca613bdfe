namespace KetCds.Server.Internal.FlowControl;

/// <summary>How long, and how many bytes, responses may wait for a client that does not open its flow-control window.</summary>
/// <param name="StallTimeout">A response whose bytes cannot be sent for this long has its stream reset.</param>
/// <param name="OverBudgetTimeout">The shorter wait once the stalled bytes exceed a budget.</param>
/// <param name="BudgetBytes">Stalled response bytes, over every connection, beyond which the shorter wait applies.</param>
/// <param name="ConnectionBudgetBytes">The same budget for one connection.</param>
internal sealed record StalledResponseSettings(TimeSpan StallTimeout, TimeSpan OverBudgetTimeout, long BudgetBytes, long ConnectionBudgetBytes);
