using System.Collections.Immutable;

namespace KetCds.CdsHooks.Internal.Cards;

/// <summary>The ketamine orders of an order-select or order-sign call, as the cards compare them with the result.</summary>
/// <param name="Orders">Each ketamine order's label (<c>MedicationRequest/id</c>) with its route, null when it names none we can read.</param>
internal sealed record OrderCheck(ImmutableArray<(string Order, Contracts.V1.Route? Route)> Orders);
