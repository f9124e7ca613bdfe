using KetCds.Contracts.V1;
using KetCds.Engine;

namespace KetCds.Clinical.Internal;

/// <summary>One <see cref="MissingDataCache"/> entry with its key and the key's hash.</summary>
internal sealed record MissingDataSlot(MissingInput[] Key, int Hash, MissingData Entry);
