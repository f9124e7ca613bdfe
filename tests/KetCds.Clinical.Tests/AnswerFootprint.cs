using System.Collections;
using System.Linq.Expressions;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using KetCds.Contracts.V1;

namespace KetCds.Clinical.Tests;

/// <summary>
/// What an answer's own objects take to allocate. An object of an evaluation is the answer's own when a second
/// evaluation of the same patient does not share it (the evaluator's per-version parts and cache entries are shared,
/// and a call does not pay for them). <see cref="Count"/> makes those objects again with the same shapes (each
/// repeated field at the capacity it has, each fresh string at its length) and returns the bytes that took, for
/// comparison with what the call itself allocated.
/// </summary>
internal sealed class AnswerFootprint
{
    private readonly List<Action<object?[]>> _steps = [];
    private readonly HashSet<object> _seen = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Type, Func<object>> _factories = [];
    private readonly Dictionary<Type, Action<object, int>> _reservers = [];
    private readonly List<string> _described = [];
    private readonly ClinicalEvaluator _evaluator;
    private int _slots;

    /// <summary>A counter for answers of <paramref name="evaluator"/>; it keeps what it compiled per message type across answers.</summary>
    public AnswerFootprint(ClinicalEvaluator evaluator) => _evaluator = evaluator;

    /// <summary>The number of objects the last <see cref="Count"/> found (the evaluation record, messages, repeated-field arrays, strings).</summary>
    public int Objects => _steps.Count;

    /// <summary>The answer's own objects the last <see cref="Count"/> found (messages by type, lists as "field count/capacity", strings by length), for failure messages.</summary>
    public string Described => string.Join(", ", _described);

    /// <summary>
    /// Finds the own objects of <paramref name="answer"/> by comparing it with <paramref name="twin"/>, an answer for the
    /// same <paramref name="patient"/>, allocates them again and returns the bytes that took on this thread.
    /// </summary>
    public long Count(ClinicalEvaluation answer, ClinicalEvaluation twin, PatientFacts patient)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(twin);
        _steps.Clear();
        _seen.Clear();
        _described.Clear();
        _slots = 0;
        if (!ReferenceEquals(answer, twin))
        {
            var result = answer.Result!;
            var identity = answer.RuleSet;
            var evaluator = _evaluator;
            var slot = _slots++;
            Add(created => created[slot] = new ClinicalEvaluation(result, identity, evaluator, patient));
            _described.Add(nameof(ClinicalEvaluation));
            Walk(result, twin.Result!);
        }

        // Once to run every step's code for the first time, once to count.
        Allocate();
        return Allocate();
    }

    private long Allocate()
    {
        var created = new object?[_slots];
        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var step in _steps)
        {
            step(created);
        }

        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(created);
        return bytes;
    }

    private void Add(Action<object?[]> step) => _steps.Add(step);

    private void Walk(IMessage message, IMessage twin)
    {
        if (ReferenceEquals(message, twin) || !_seen.Add(message))
        {
            return;
        }

        if (message.GetType() != twin.GetType())
        {
            throw new InvalidOperationException($"two answers for the same patient differ in shape: {message.GetType()} and {twin.GetType()}");
        }

        var slot = _slots++;
        var type = message.GetType();
        if (!_factories.TryGetValue(type, out var make))
        {
            _factories[type] = make = Expression.Lambda<Func<object>>(Expression.Convert(Expression.New(type), typeof(object))).Compile();
        }

        Add(created => created[slot] = make());
        _described.Add(type.Name);
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            if (field.IsMap)
            {
                throw new NotSupportedException($"{field.FullName}: map fields are not counted yet");
            }

            if (field.IsRepeated)
            {
                WalkRepeated(field, slot, (IList)field.Accessor.GetValue(message), (IList)field.Accessor.GetValue(twin));
            }
            else if (field.FieldType == FieldType.Message && field.Accessor.GetValue(message) is IMessage child)
            {
                Walk(child, (IMessage)field.Accessor.GetValue(twin));
            }
            else
            {
                WalkValue(field, field.Accessor.GetValue(message), field.Accessor.GetValue(twin));
            }
        }
    }

    private void WalkRepeated(FieldDescriptor field, int slot, IList items, IList twins)
    {
        if (items.Count != twins.Count)
        {
            throw new InvalidOperationException($"{field.FullName}: two answers for the same patient hold {items.Count} and {twins.Count} items");
        }

        if (!ReferenceEquals(items, twins))
        {
            // The list object comes with its message; its array is the answer's own unless it is the shared empty one.
            var capacity = Capacity(items);
            if (capacity > 0)
            {
                _described.Add($"{field.Name} {items.Count}/{capacity}");
                var accessor = field.Accessor;
                if (!_reservers.TryGetValue(items.GetType(), out var reserve))
                {
                    _reservers[items.GetType()] = reserve = CapacitySetter(items.GetType());
                }

                Add(created => reserve(accessor.GetValue((IMessage)created[slot]!), capacity));
            }
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is IMessage child)
            {
                Walk(child, (IMessage)twins[i]!);
            }
            else
            {
                WalkValue(field, items[i], twins[i]);
            }
        }
    }

    private void WalkValue(FieldDescriptor field, object? value, object? twin)
    {
        switch (value)
        {
            case string text when text.Length > 0 && !ReferenceEquals(text, twin) && _seen.Add(text):
                var length = text.Length;
                var slot = _slots++;
                Add(created => created[slot] = new string('x', length));
                _described.Add($"string({length})");
                break;
            case ByteString bytes when bytes.Length > 0 && !ReferenceEquals(bytes, twin):
                throw new NotSupportedException($"{field.FullName}: fresh byte strings are not counted yet");
        }
    }

    private static int Capacity(IList items) =>
        (int)(items.GetType().GetProperty("Capacity")?.GetValue(items) ?? throw new NotSupportedException($"{items.GetType()} has no capacity"));

    private static Action<object, int> CapacitySetter(Type listType)
    {
        var list = Expression.Parameter(typeof(object));
        var capacity = Expression.Parameter(typeof(int));
        var assign = Expression.Assign(Expression.Property(Expression.Convert(list, listType), "Capacity"), capacity);
        return Expression.Lambda<Action<object, int>>(assign, list, capacity).Compile();
    }
}
