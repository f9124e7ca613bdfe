namespace KetCds.Server.Internal.Configuration;

/// <summary>The configuration cannot be used; the message lists every problem by key, one per line.</summary>
internal sealed class KetCdsConfigurationException(string message) : Exception(message);
