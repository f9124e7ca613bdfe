namespace KetCds.Engine.Tests.Support;

/// <summary>Keeps every event, in order, for one evaluation at a time.</summary>
internal sealed class RecordingListener : IEvaluationListener
{
    public List<(string RuleId, Truth Truth)> Events { get; } = [];

    public void RuleEvaluated(Rule rule, Truth truth) => Events.Add((rule.Id, truth));
}
