var builder = WebApplication.CreateBuilder(args);
builder.WatchUserSecrets().AddStructuredLogging().AddRequestLimits();
builder.Services.AddContractMonitorCore()
    .AddApiProblems().AddApiAuthentication().AddApiValidation().AddApiOpenApi().AddApiHealth()
    .AddApiJobs().AddApiRateLimiting().AddRequestLog().AddPageAuthentication(builder.Environment, builder.Configuration)
    .AddServiceTelemetry(builder.Configuration, "contractmonitor-api");

var app = builder.Build();
app.Services.MigrateEmbeddedDatabase();
app.UseApi().MapApi();
await app.SeedDemoDataAsync();
await app.RunAsync();

public partial class Program;
