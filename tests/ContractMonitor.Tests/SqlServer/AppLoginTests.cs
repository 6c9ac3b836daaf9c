using System.Net;
using ContractMonitor.Migrations;
using ContractMonitor.Tests.Infrastructure;
using Microsoft.Data.SqlClient;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.SqlServer;

/// <summary>
/// Issue 21: in docker-compose the api and workers connect as the login the migrations runner
/// provisions, never as <c>sa</c>. The api must work as that login, and the login must not be able to
/// change the schema, rewrite the audit or touch the migration history (wherever Docker runs).
/// </summary>
public sealed class AppLoginTests(SqlServerFixture sql) : IClassFixture<SqlServerFixture>
{
    private const string Login = "contractmonitor_app_test";
    private const string Password = "An-app-l0gin-for-the-tests!";

    [Fact]
    public async Task TheApiWorksAsTheAppLoginWhichCannotChangeTheSchemaTheAuditOrTheHistory()
    {
        var database = sql.Require();
        Assert.True(AppLogin.Provision(database.ConnectionString, Login, Password));
        // A second run sets the password again (a rotation) and keeps the user and its roles.
        Assert.True(AppLogin.Provision(database.ConnectionString, Login, Password));
        var asApp = new SqlConnectionStringBuilder(database.ConnectionString) { UserID = Login, Password = Password }.ConnectionString;

        await using (var api = new SqlServerApiFactory(asApp))
        {
            var scenario = await Scenario.CreateAsync(api, new DateOnly(2016, 4, 1), new DateOnly(2017, 3, 31));
            await scenario.AddMeasureAsync("A1");
            (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2016-04", 50m))).EnsureSuccessStatusCode();
            Assert.Equal(HttpStatusCode.OK, (await scenario.Panel.GetAsync($"/api/contracts/{scenario.ContractId}/status")).StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, (await scenario.Commissioner.PostAsync($"/api/contracts/{scenario.ContractId}/evaluations", null)).StatusCode);
        }

        await using var connection = new SqlConnection(asApp);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        foreach (var refused in new[]
                 {
                     "CREATE TABLE dbo.NotAllowed (Id int)",
                     "UPDATE dbo.AuditLog SET Action = Action",
                     "DELETE FROM dbo.AuditLog",
                     "DELETE FROM dbo.VersionInfo",
                 })
        {
            await using var command = new SqlCommand(refused, connection);
            var denied = await Assert.ThrowsAsync<SqlException>(() => command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
            // 229: permission denied on an object; 262: permission denied in the database.
            Assert.True(denied.Number is 229 or 262, $"{refused}: {denied.Number} {denied.Message}");
        }
    }
}
