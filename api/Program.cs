using ContractMonitor.Api.Auth;
using ContractMonitor.Api.Development;
using ContractMonitor.Api.Features.Audit;
using ContractMonitor.Api.Features.Challenges;
using ContractMonitor.Api.Features.Claims;
using ContractMonitor.Api.Features.Contracts;
using ContractMonitor.Api.Features.Escalations;
using ContractMonitor.Api.Features.Evaluations;
using ContractMonitor.Api.Features.Measures;
using ContractMonitor.Api.Features.Notifications;
using ContractMonitor.Api.Features.Organisations;
using ContractMonitor.Api.Features.Panel;
using ContractMonitor.Api.Features.Returns;
using ContractMonitor.Api.Features.SplitScreen;
using ContractMonitor.Api.Features.Targets;
using ContractMonitor.Api.Health;
using ContractMonitor.Api.Jobs;
using ContractMonitor.Api.Logging;
using ContractMonitor.Api.OpenApi;
using ContractMonitor.Api.Problems;
using ContractMonitor.Api.Security;
using ContractMonitor.Api.Validation;
using ContractMonitor.Core;

var builder = WebApplication.CreateBuilder(args);
builder.AddStructuredLogging().AddRequestLimits();
builder.Services.AddContractMonitorCore()
    .AddApiProblems().AddApiAuthentication().AddApiValidation().AddApiOpenApi().AddApiHealth()
    .AddApiJobs().AddApiRateLimiting();

var app = builder.Build();
app.Services.MigrateEmbeddedDatabase();
app.UseExceptionHandler();
app.UseStatusCodePages();
// Routing after the handlers, so that a failure while matching is a problem too, not an empty 500.
app.UseRouting();
app.UseSecurityHeaders();
app.UseAuthentication();
app.UseRateLimiter();
app.UseRefusalLogging();
app.UseApiOpenApi();
app.UseAuthorization();

app.MapApiHealth().MapOrganisations().MapContracts().MapPanel().MapMeasures().MapTargets().MapReturns().MapAudit()
    .MapEvaluations().MapEscalations().MapClaims().MapChallenges().MapSplitScreen()
    .MapNotifications();
app.MapJobsDashboard();
await app.SeedDemoDataAsync();
await app.RunAsync();

public partial class Program;
