using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace KetCds.Audit.Internal;

/// <summary>Picks the store from the connection string's keys, so one setting chooses it.</summary>
internal static class StoreSelector
{
    private const string Setting = AuditOptions.Section + ":" + nameof(AuditOptions.ConnectionString);

    public static string ResolveFilePaths(string connectionString, string baseDirectory)
    {
        if (!NamesSqliteFile(Keys(connectionString)))
        {
            return connectionString;
        }

        var builder = Sqlite(connectionString);
        builder.DataSource = Path.GetFullPath(builder.DataSource, baseDirectory);
        return builder.ConnectionString;
    }

    public static IAuditStore Open(string connectionString, bool createIfMissing)
    {
        var keys = Keys(connectionString);
        if (keys.ContainsKey("Host") || keys.ContainsKey("Server"))
        {
            try
            {
                return new PostgresAuditStore(new NpgsqlConnectionStringBuilder(connectionString));
            }
            catch (ArgumentException e)
            {
                throw new FormatException($"{Setting}: not a valid PostgreSQL connection string: {e.Message}", e);
            }
        }

        if (NamesSqliteFile(keys))
        {
            var builder = Sqlite(connectionString);
            if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
            {
                throw new FormatException($"{Setting}: the SQLite Data Source must be a file (an in-memory trail proves nothing)");
            }

            return new SqliteAuditStore(builder, createIfMissing);
        }

        throw new FormatException($"{Setting}: names neither a SQLite file ('Data Source=…') nor a PostgreSQL server ('Host=…')");
    }

    private static DbConnectionStringBuilder Keys(string connectionString)
    {
        try
        {
            return new DbConnectionStringBuilder { ConnectionString = connectionString };
        }
        catch (ArgumentException e)
        {
            // The message never quotes the string: it may hold a password.
            throw new FormatException($"{Setting}: not a valid connection string ({e.GetType().Name})", e);
        }
    }

    private static bool NamesSqliteFile(DbConnectionStringBuilder keys) =>
        !keys.ContainsKey("Host") && !keys.ContainsKey("Server") &&
        (keys.ContainsKey("Data Source") || keys.ContainsKey("DataSource") || keys.ContainsKey("Filename"));

    private static SqliteConnectionStringBuilder Sqlite(string connectionString)
    {
        try
        {
            return new SqliteConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"{Setting}: not a valid SQLite connection string: {e.Message}", e);
        }
    }
}
