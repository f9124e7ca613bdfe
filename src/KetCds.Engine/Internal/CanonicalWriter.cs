using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace KetCds.Engine.Internal;

/// <summary>
/// Renders conditions and whole models in one canonical text form: for explanations, and as the input of the
/// rule-set content hash (which must not change with file layout, comments or rule order).
/// </summary>
internal static class CanonicalWriter
{
    private const int EncodeChars = 4096;

    private static readonly ConditionWriter Writer = new();

    public static string Symbol(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "==",
        ComparisonOperator.NotEqual => "!=",
        ComparisonOperator.LessThan => "<",
        ComparisonOperator.LessThanOrEqual => "<=",
        ComparisonOperator.GreaterThan => ">",
        _ => ">=",
    };

    public static string Render(Condition condition)
    {
        var builder = new StringBuilder();
        Write(builder, condition);
        return builder.ToString();
    }

    public static string Hash(RuleSetModel model)
    {
        var builder = new StringBuilder();
        builder.Append("ruleset ").Append(Quote(model.Name)).Append(' ').Append(Quote(model.Version)).Append('\n');
        foreach (var fact in model.Facts.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            builder.Append("fact ").Append(fact.Name).Append(' ').Append(fact.Type).Append(' ').Append(fact.Origin)
                .Append(" [").Append(string.Join(",", fact.AllowedValues.IsDefault ? [] : fact.AllowedValues)).Append("] ")
                .Append(Quote(fact.Unit ?? string.Empty)).Append(' ').Append(Quote(fact.Description)).Append('\n');
        }

        foreach (var rule in model.Rules.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            builder.Append("rule ").Append(rule.Id).Append(' ').Append(rule.Priority.ToString(CultureInfo.InvariantCulture))
                .Append(' ').Append(Quote(rule.Title)).Append(' ').Append(Quote(rule.Description)).Append("\n  when ");
            Write(builder, rule.When);
            foreach (var action in rule.Then)
            {
                builder.Append("\n  then ");
                WriteAction(builder, action);
            }

            // Authored order, because outcomes carry citations in that order: two rule sets with one hash must answer alike.
            builder.Append("\n  cite ").Append(string.Join(",", rule.Citations.IsDefault ? [] : rule.Citations)).Append('\n');
        }

        return Convert.ToHexStringLower(Sha256(builder));
    }

    // The UTF-8 of the text, hashed chunk by chunk: for 10,000 rules the whole string and its bytes were 6 MB of
    // large-object allocations, which cost the load gen2 collections. The encoder carries a surrogate pair split across
    // chunks, so the bytes hashed are exactly those of the whole string.
    internal static byte[] Sha256(StringBuilder text)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var encoder = Encoding.UTF8.GetEncoder();
        var bytes = new byte[Encoding.UTF8.GetMaxByteCount(EncodeChars)];
        foreach (var chunk in text.GetChunks())
        {
            for (var chars = chunk.Span; !chars.IsEmpty; chars = chars[Math.Min(chars.Length, EncodeChars)..])
            {
                hash.AppendData(bytes, 0, encoder.GetBytes(chars[..Math.Min(chars.Length, EncodeChars)], bytes, flush: false));
            }
        }

        hash.AppendData(bytes, 0, encoder.GetBytes([], bytes, flush: true));
        return hash.GetHashAndReset();
    }

    private static void WriteAction(StringBuilder builder, RuleAction action)
    {
        switch (action)
        {
            case DeriveAction derive:
                builder.Append("derive ").Append(derive.Fact).Append(" = ").Append(derive.Value);
                break;
            case RequestDataAction request:
                builder.Append("request ").Append(request.Fact).Append(' ').Append(Quote(request.Reason));
                break;
            case EmitAction emit:
                builder.Append("emit ").Append(emit.Kind).Append(' ').Append(emit.Code).Append(' ').Append(Quote(emit.Text));
                foreach (var attribute in (emit.Attributes.IsDefault ? [] : emit.Attributes).OrderBy(a => a.Name, StringComparer.Ordinal))
                {
                    builder.Append(' ').Append(attribute.Name).Append('=').Append(Quote(attribute.Value.ToString()));
                }

                break;
        }
    }

    private static void Write(StringBuilder builder, Condition condition) => Writer.Visit(condition, builder);

    private static string Name(MembershipOperator op) => op switch
    {
        MembershipOperator.In => "in",
        MembershipOperator.NotIn => "not in",
        MembershipOperator.ContainsAny => "contains any of",
        MembershipOperator.ContainsAll => "contains all of",
        _ => "contains none of",
    };

    private static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";

    /// <summary>Writes a condition in the canonical text the hash is taken over.</summary>
    private sealed class ConditionWriter : ConditionVisitor<StringBuilder, StringBuilder>
    {
        protected override StringBuilder VisitAll(AllCondition all, StringBuilder builder) => Junction(builder, "all", all.Items);

        protected override StringBuilder VisitAny(AnyCondition any, StringBuilder builder) => Junction(builder, "any", any.Items);

        protected override StringBuilder VisitNot(NotCondition not, StringBuilder builder) => Visit(not.Inner, builder.Append("not(")).Append(')');

        protected override StringBuilder VisitPresence(PresenceCondition presence, StringBuilder builder) =>
            builder.Append(presence.Present ? "known(" : "absent(").Append(presence.Fact).Append(')');

        protected override StringBuilder VisitComparison(ComparisonCondition comparison, StringBuilder builder) =>
            builder.Append(comparison.Fact).Append(' ').Append(Symbol(comparison.Operator)).Append(' ').Append(comparison.Value);

        protected override StringBuilder VisitRange(RangeCondition range, StringBuilder builder) =>
            builder.Append(range.Fact).Append(" in range [")
                .Append(range.Minimum?.ToString() ?? "-inf").Append(", ")
                .Append(range.Maximum?.ToString() ?? "+inf").Append(']');

        protected override StringBuilder VisitMembership(MembershipCondition membership, StringBuilder builder) =>
            builder.Append(membership.Fact).Append(' ').Append(Name(membership.Operator)).Append(" [")
                .Append(string.Join(", ", membership.Symbols)).Append(']');

        protected override StringBuilder VisitOther(Condition condition, StringBuilder builder) => builder.Append(condition.GetType().Name);

        private StringBuilder Junction(StringBuilder builder, string name, IEnumerable<Condition> items)
        {
            builder.Append(name).Append('(');
            var first = true;
            foreach (var item in items)
            {
                if (!first)
                {
                    builder.Append(", ");
                }

                Visit(item, builder);
                first = false;
            }

            return builder.Append(')');
        }
    }
}
