using System.Data.Common;
using System.Globalization;
using System.Resources;
using ContractMonitor.Migrations;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace ContractMonitor.Core.Data;

/// <summary>A statement whose text truly differs between the engines, written out for both.</summary>
internal sealed record DialectSql(string SqlServer, string Sqlite)
{
    /// <summary>
    /// An insert that answers its new row's id: the one difference most inserts have. SQL Server
    /// puts <c>OUTPUT INSERTED.Id</c> between the columns and the values, SQLite <c>RETURNING Id</c> after them.
    /// </summary>
    /// <param name="into"><c>INSERT INTO Table (columns)</c></param>
    /// <param name="values"><c>VALUES (parameters)</c></param>
    public static DialectSql InsertReturningId(string into, string values) =>
        new($"{into}\nOUTPUT INSERTED.Id\n{values}", $"{into}\n{values}\nRETURNING Id");
}

/// <summary>
/// Everything that differs between SQL Server and SQLite: the statements that cannot be written
/// portably (new identity, paging, upsert) and how each engine reports a broken unique key.
/// Nothing else in the code asks which engine is in use.
/// </summary>
internal sealed class SqlDialect(DatabaseProvider provider)
{
    public DatabaseProvider Provider { get; } = provider;

    public string this[DialectSql sql] => Provider == DatabaseProvider.SqlServer ? sql.SqlServer : sql.Sqlite;

    public static bool IsUniqueViolation(DbException exception) => exception switch
    {
        // SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        // Unique index, unique constraint
        SqlException sql => sql.Number is 2601 or 2627,
        _ => false,
    };

    /// <summary>The error our lock statement throws when sp_getapplock gives up after its timeout (its -1).</summary>
    public const int ApplockTimeout = 51000;

    /// <summary>The error our lock statement throws when sp_getapplock chose it as a deadlock victim (its -3).</summary>
    public const int ApplockDeadlock = 51003;

    /// <summary>What a failed write should do next: read again at once, leave the contract to the next run, or stop.</summary>
    public static DbFailure Classify(DbException exception) => exception switch
    {
        SqliteException sqlite when sqlite.SqliteExtendedErrorCode is 2067 or 1555 => DbFailure.Race,
        SqliteException sqlite when sqlite.SqliteErrorCode is 5 or 6 => DbFailure.Busy,
        SqlException sql => ClassifySqlServer(sql.Number),
        _ => DbFailure.Other,
    };

    /// <summary>SQL Server's error numbers as <see cref="Classify"/> reads them; pure, so the table is tested without a server.</summary>
    public static DbFailure ClassifySqlServer(int number) => number switch
    {
        1205 or ApplockDeadlock => DbFailure.Deadlock,
        2601 or 2627 => DbFailure.Race,
        -2 or ApplockTimeout or 1222 => DbFailure.Busy,
        _ => DbFailure.Other,
    };

    /// <summary>
    /// True when the database could not be reached or is too busy to answer: the request was not
    /// wrong, so the caller gets 503 and may retry.
    /// </summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_FULL, SQLITE_READONLY
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6 or 10 or 13 or 14 or 8,
        // Connection-level failures and timeouts carry class 20+ or these well-known numbers.
        SqlException sql => sql.Class >= 20 || sql.Number is -2 or 53 or 233 or 4060 or 10053 or 10054 or 10060 or 40613 or 40197 or 40501 or 49918 or 1205,
        TimeoutException => true,
        // SqlClient's pool, exhausted, throws this plain exception (no number to read): the server
        // is busy, not the request wrong, so it is a 503 like the others (issue 22).
        InvalidOperationException pool => IsPoolTimeout(pool.Message),
        _ => false,
    };

    private static readonly ResourceManager SqlClientStrings = new("Microsoft.Data.SqlClient.Resources.Strings", typeof(SqlConnection).Assembly);

    /// <summary>
    /// SqlClient's words for an exhausted pool, in a language it ships (German, French, Japanese…):
    /// the exception carries nothing else to know it by, and SqlClient words it in the process's UI language.
    /// </summary>
    internal static string? PoolTimeoutMessage(CultureInfo culture)
    {
        try
        {
            return SqlClientStrings.GetString("ADP_PooledOpenTimeout", culture);
        }
        catch (MissingManifestResourceException)
        {
            return null;
        }
    }

    private static bool IsPoolTimeout(string message) =>
        message == PoolTimeoutMessage(CultureInfo.CurrentUICulture)
        || message == PoolTimeoutMessage(CultureInfo.InvariantCulture)
        || message.Contains("obtaining a connection from the pool", StringComparison.Ordinal);
}

/// <summary>Why a database write failed, as far as what to do next goes.</summary>
internal enum DbFailure
{
    /// <summary>Chosen as a deadlock victim: everything rolled back; read again and retry.</summary>
    Deadlock,

    /// <summary>A unique key another writer took first: read again; if it happens again and again it is no race.</summary>
    Race,

    /// <summary>Timed out waiting (a lock held by another run, or the command): leave it to the next run.</summary>
    Busy,

    /// <summary>Anything else: not worth retrying.</summary>
    Other,
}
