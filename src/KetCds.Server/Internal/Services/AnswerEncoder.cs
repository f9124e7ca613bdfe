using System.Runtime.CompilerServices;
using Google.Protobuf;
using KetCds.Contracts.V1;
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
    // Answers encoded before they are sent (the audit trail hashes an answer before it may leave), until the answer's
    // marshaller takes them: one encoding per answer instead of two. Weak keys: an answer that is never sent (its call
    // failed in between) does not keep its bytes alive.
    private readonly ConditionalWeakTable<IMessage, byte[]> _kept = new();

    /// <summary>Whether answers of <paramref name="type"/> are written by this encoder (those of Evaluate and EvaluateBatch).</summary>
    public static bool Writes(Type type) => type == typeof(EvaluateResponse) || type == typeof(EvaluateBatchResponse);

    /// <summary>The bytes of <paramref name="answer"/>, as <c>ToByteArray()</c> would make them.</summary>
    public byte[] Encode(IMessage answer) => host.State.Current?.Evaluator.Encode(answer) ?? answer.ToByteArray();

    /// <summary>
    /// Encodes <paramref name="answer"/>, keeping the bytes for <see cref="TakeOrEncode"/> when its marshaller is the one
    /// that will send it (<see cref="Writes"/>); other answers are encoded by generated code, which would never take them.
    /// </summary>
    public byte[] EncodeAndKeep(IMessage answer)
    {
        var bytes = Encode(answer);
        if (Writes(answer.GetType()))
        {
            _kept.AddOrUpdate(answer, bytes);
        }

        return bytes;
    }

    /// <summary>The bytes kept for <paramref name="answer"/> (forgotten here), or a fresh encoding.</summary>
    /// <remarks>Answers are not changed once handed to the transport, so the kept bytes are still the answer's.</remarks>
    public byte[] TakeOrEncode(IMessage answer) =>
        _kept.TryGetValue(answer, out var bytes) && _kept.Remove(answer) ? bytes : Encode(answer);
}
