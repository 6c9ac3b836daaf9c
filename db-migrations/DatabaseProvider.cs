namespace ContractMonitor.Migrations;

/// <summary>The two engines the product runs on; chosen by <c>Database:Provider</c>.</summary>
public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}
