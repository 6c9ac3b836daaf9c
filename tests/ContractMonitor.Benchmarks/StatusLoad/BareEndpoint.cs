using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ContractMonitor.Benchmarks.StatusLoad;

/// <summary>
/// What a status read is measured against: Kestrel, one pooled SQLite connection per request, one
/// 50-row read of the same file, JSON. No authentication, routing groups or stores.
/// </summary>
internal sealed class BareEndpoint : IAsyncDisposable
{
    private const string LatestSql = """
        SELECT m.Code, e.Period, e.Value, e.Target, e.Tolerance, e.Rating, e.Direction
        FROM Evaluations e JOIN Measures m ON m.Id = e.MeasureId
        WHERE m.ContractId = @ContractId AND e.Period = @Period
        ORDER BY m.Code
        """;

    private readonly WebApplication app;

    private BareEndpoint(WebApplication app, string url)
    {
        this.app = app;
        Url = url;
    }

    public string Url { get; }

    public static async Task<BareEndpoint> StartAsync(string databasePath, long contractId, string period)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = true }.ToString();
        var app = builder.Build();
        app.MapGet("/bare", async () =>
        {
            await using var connection = new SqliteConnection(connectionString);
            var rows = await connection.QueryAsync<Row>(LatestSql, new { ContractId = contractId, Period = period });
            return Results.Ok(rows);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BareEndpoint(app, address + "/bare");
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private sealed record Row(string Code, string Period, decimal? Value, decimal? Target, decimal? Tolerance, string Rating, string? Direction);
}
