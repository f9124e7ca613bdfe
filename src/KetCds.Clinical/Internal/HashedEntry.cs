using KetCds.Contracts.V1;

namespace KetCds.Clinical.Internal;

/// <summary>A hashed <see cref="MissingDataTable"/>'s gathered key with its entry, set once into a slot and never replaced.</summary>
/// <param name="Key">The key's candidate bits, gathered.</param>
/// <param name="Entry">The entry of that key.</param>
internal sealed record HashedEntry(ulong Key, MissingData Entry);
