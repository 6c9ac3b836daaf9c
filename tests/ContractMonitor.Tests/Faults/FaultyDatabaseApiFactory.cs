using ContractMonitor.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace ContractMonitor.Tests.Faults;

/// <summary>
/// The api on a SQLite file in a folder of its own, so the test can take the folder away (the
/// database is unreachable) and put it back. Waits for a lock for one second, not thirty.
/// </summary>
public sealed class FaultyDatabaseApiFactory : ApiFactory
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "contractmonitor-tests", $"faults-{Guid.NewGuid():N}");

    public FaultyDatabaseApiFactory() => Directory.CreateDirectory(folder);

    public string File => Path.Combine(folder, "contractmonitor.db");

    public string FileConnectionString => new SqliteConnectionStringBuilder { DataSource = File, DefaultTimeout = 1 }.ToString();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:ContractMonitor"] = FileConnectionString,
    };

    /// <summary>Moves the database's folder away and drops pooled connections, as a lost share or server would.</summary>
    public Restore TakeAway()
    {
        var away = folder + "-away";
        SqliteConnection.ClearAllPools();
        Directory.Move(folder, away);
        return new Restore(() =>
        {
            Directory.Move(away, folder);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS temp cleaner; the result stands.
            }
        }
    }

    public sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
