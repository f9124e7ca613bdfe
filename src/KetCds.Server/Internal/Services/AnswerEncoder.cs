using Google.Protobuf;
using KetCds.Server.Internal.RuleSets;

namespace KetCds.Server.Internal.Services;

/// <summary>
/// Encodes answers with the serving rule set's evaluator, which copies the bytes of the parts its answers share
/// (citations, statements), made once per rule-set version, where generated code re-measures and re-encodes every string
/// on every call (the largest CPU cost of an Evaluate call in the A/B profile). The bytes are the same either way: a part
/// is copied only when it is the very instance the evaluator encoded, so an answer of an earlier version is still right.
/// </summary>
internal sealed class AnswerEncoder(RuleSetHost host)
{
    /// <summary>The bytes of <paramref name="answer"/>, as <c>ToByteArray()</c> would make them.</summary>
    public byte[] Encode(IMessage answer) => host.State.Current?.Evaluator.Encode(answer) ?? answer.ToByteArray();
}
