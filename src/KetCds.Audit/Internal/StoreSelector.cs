using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace KetCds.Audit.Internal;

/// <summary>Picks the store from the connection string's keys, so one setting chooses it.</summary>
internal static class StoreSelector
{
    private const string Setting = AuditOptions.Section + ":" + nameof(AuditOptions.ConnectionString);

    public static IAuditStore Open(string connectionString, bool createIfMissing)
    {
        var keys = new DbConnectionStringBuilder();
        try
        {
            keys.ConnectionString = connectionString;
        }
        catch (ArgumentException e)
        {
            // The message never quotes the string: it may hold a password.
            throw new FormatException($"{Setting}: not a valid connection string ({e.GetType().Name})", e);
        }

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

        if (keys.ContainsKey("Data Source") || keys.ContainsKey("DataSource") || keys.ContainsKey("Filename"))
        {
            SqliteConnectionStringBuilder builder;
            try
            {
                builder = new SqliteConnectionStringBuilder(connectionString);
            }
            catch (ArgumentException e)
            {
                throw new FormatException($"{Setting}: not a valid SQLite connection string: {e.Message}", e);
            }

            if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
            {
                throw new FormatException($"{Setting}: the SQLite Data Source must be a file (an in-memory trail proves nothing)");
            }

            return new SqliteAuditStore(builder, createIfMissing);
        }

        throw new FormatException($"{Setting}: names neither a SQLite file ('Data Source=…') nor a PostgreSQL server ('Host=…')");
    }
}
