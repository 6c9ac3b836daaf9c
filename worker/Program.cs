using ContractMonitor.Core;
using ContractMonitor.Worker;

var builder = Host.CreateApplicationBuilder(args);
builder.Logging.AddJsonConsole(o => o.UseUtcTimestamp = true);
builder.Services.AddContractMonitorCore().AddWorkerJobs();

await builder.Build().RunAsync();
