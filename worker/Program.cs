using ContractMonitor.Core;
using ContractMonitor.Core.Health;
using ContractMonitor.Core.Logging;
using ContractMonitor.Core.Telemetry;
using ContractMonitor.Worker;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders().AddJsonLogs();
builder.Services.AddContractMonitorCore().AddWorkerJobs().AddServiceHealth();
builder.Services.AddServiceTelemetry(builder.Configuration, "contractmonitor-worker");

var app = builder.Build();
// The worker serves nothing but its probes (issue 21): alive while it answers; ready while its
// database answers, its outbox moves and a job server (this one, or another) reports.
app.MapServiceHealth();
await app.RunAsync();
