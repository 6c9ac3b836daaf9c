using ContractMonitor.Api.Security;

namespace ContractMonitor.Api;

/// <summary>The api's middleware in its order, and every feature's routes: what Program.cs asks for in one line each.</summary>
internal static class ApiPipeline
{
    public static WebApplication UseApi(this WebApplication app)
    {
        // First, so that its line carries the status the client got, the error handlers' included.
        app.UseHttpLogging();
        app.UseExceptionHandler();
        // A page that fails is the error page, not problem JSON; the API keeps its problem details.
        app.UseWhen(context => !SecurityHeaders.IsApi(context.Request.Path), pages => pages.UseExceptionHandler("/status/500"));
        app.UseStatusCodePages();
        // A person in a browser gets a page for 403, 404 and the rest; programs keep problem details.
        app.UseWhen(context => !SecurityHeaders.IsApi(context.Request.Path), pages => pages.UseStatusCodePagesWithReExecute("/status/{0}"));
        // Routing after the handlers, so that a failure while matching is a problem too, not an empty 500.
        app.UseRouting();
        app.Use(Problems.BadRequestExceptionHandler.BufferSmallJsonBodies);
        app.Use(Features.Returns.RefusedBatches.CountAsync);
        app.UseSecurityHeaders();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseRefusalLogging();
        app.UseApiOpenApi();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapApi(this WebApplication app)
    {
        app.MapApiHealth().MapOrganisations().MapContracts().MapPanel().MapMeasures().MapTargets().MapReturns().MapAudit()
            .MapEvaluations().MapEscalations().MapClaims().MapChallenges().MapSplitScreen()
            .MapNotifications().MapPapers().MapSpc().MapSignOff().MapExceptions();
        app.MapJobsDashboard();
        app.MapRazorPages();
        // An address no route knows is a 404 (the page, or problem details under /api), for anyone:
        // without it the API's caller-only fallback policy answered a mistyped address with 401.
        // Reads only, so a wrong method or content type on a known route stays 405 or 415.
        app.MapFallback(context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }).AllowAnonymous().WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]));
        return app;
    }
}
