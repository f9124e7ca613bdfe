namespace KetCds.Audit.Tests.Support;

/// <summary>Test classes that share the one PostgreSQL cluster of the run.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
