using Google.Protobuf;
using KetCds.Contracts.V1;

namespace KetCds.Clinical.Internal;

/// <summary>
/// One outcome's shared messages: always its statement; its alert or risk modifier when it is one; its relief
/// estimate when it is a finding with a relief range.
/// </summary>
internal sealed record StandardOutcomeParts(Statement Statement, Alert? Alert, RiskModifier? Risk, ReliefEstimate? Estimate)
{
    /// <summary>The parts that exist.</summary>
    public IEnumerable<IMessage> Messages
    {
        get
        {
            yield return Statement;
            if (Alert is not null)
            {
                yield return Alert;
            }

            if (Risk is not null)
            {
                yield return Risk;
            }

            if (Estimate is not null)
            {
                yield return Estimate;
            }
        }
    }
}
