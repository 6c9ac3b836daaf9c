namespace ContractMonitor.Tests.Infrastructure;

/// <summary>The api on a SQL Server that a test has started (see <see cref="SqlServerFixture"/>).</summary>
public sealed class SqlServerApiFactory(string connectionString) : ApiFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = "SqlServer",
        ["ConnectionStrings:ContractMonitor"] = connectionString,
    };
}
