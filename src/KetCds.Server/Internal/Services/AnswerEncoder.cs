using System.Runtime.CompilerServices;
using Google.Protobuf;
using Grpc.Core;
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
    /// Encodes <paramref name="answer"/>, keeping the bytes for <see cref="Serialize"/> when its marshaller is the one
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

    /// <summary>
    /// Completes <paramref name="serialization"/> with <paramref name="answer"/>'s bytes: those kept for it, or an encoding
    /// written straight into the call's payload (no intermediate array, so nothing to allocate, zero and copy per call).
    /// </summary>
    /// <remarks>Answers are not changed once handed to the transport, so kept bytes are still the answer's.</remarks>
    public void Serialize(IMessage answer, SerializationContext serialization)
    {
        if (_kept.TryGetValue(answer, out var kept) && _kept.Remove(answer))
        {
            serialization.Complete(kept);
            return;
        }

        if (host.State.Current?.Evaluator is { } evaluator)
        {
            evaluator.EncodeTo(answer, length =>
            {
                serialization.SetPayloadLength(length);
                return serialization.GetBufferWriter();
            });
            serialization.Complete();
        }
        else
        {
            serialization.Complete(answer.ToByteArray());
        }
    }
}
