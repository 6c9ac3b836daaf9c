using ContractMonitor.Core;
using ContractMonitor.Core.Logging;
using ContractMonitor.Worker;

var builder = Host.CreateApplicationBuilder(args);
builder.Logging.ClearProviders().AddJsonLogs();
builder.Services.AddContractMonitorCore().AddWorkerJobs();

await builder.Build().RunAsync();
