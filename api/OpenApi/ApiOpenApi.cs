using ContractMonitor.Api.Security;
using ContractMonitor.Core.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ContractMonitor.Api.OpenApi;

internal static class ApiOpenApi
{
    public static IServiceCollection AddApiOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        // Swashbuckle otherwise reads MVC's JSON options, not the minimal API's, and documented every
        // enum as an integer the api refuses: the document must describe the wire as it is.
        // Since Swashbuckle 10.3 the resolver, not the schema generator, reads nullable annotations, so it
        // needs the generator's options too; without them every string is documented as nullable.
        services.AddTransient<ISerializerDataContractResolver>(provider => new JsonSerializerDataContractResolver(
            provider.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions,
            provider.GetRequiredService<IOptions<SchemaGeneratorOptions>>().Value));
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "ContractMonitor",
                Version = "v1",
                Description = "Contract performance monitoring: returns, ratings, escalations and the split screen.",
            });
            options.AddSecurityDefinition("Bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A token with 'role' and 'org' claims. In Development: dotnet user-jwts create --project api --role Admin --claim org=doncaster-council",
            });
            options.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference("Bearer", document)] = [],
            });
            // A route that takes JSON or CSV is two endpoints chosen by Content-Type, but one operation.
            options.ResolveConflictingActions(BodyFormats.Merge);
            options.OperationFilter<BodyFormats>();
            options.OperationFilter<IdempotencyKeyParameter>();
            // The handlers' XML comments describe their operations; the records' describe their fields.
            foreach (var assembly in new[] { typeof(ApiOpenApi).Assembly, typeof(ContractMonitor.Contracts.JsonDefaults).Assembly })
            {
                options.IncludeXmlComments(Path.Combine(AppContext.BaseDirectory, $"{assembly.GetName().Name}.xml"));
            }

            options.OperationFilter<OperationText>();
            options.OperationFilter<RouteParameters>();
            options.OperationFilter<QueryParameters>();
            options.OperationFilter<ResponseDocs>();
            options.DocumentFilter<DocumentText>();
            options.SchemaFilter<ProblemDetailsText>();
            // Properties that are never null say so, and are required: a generated client then needs no null checks for them.
            options.SupportNonNullableReferenceTypes();
            options.NonNullableReferenceTypesAsRequired();
            // A property of an enum or record type keeps its own description (and nullability): in
            // OpenAPI 3.0 a bare $ref ignores everything beside it, so it is wrapped in allOf.
            options.UseAllOfToExtendReferenceSchemas();
            options.DocumentFilter<NullableReferences>();
            options.CustomSchemaIds(type => type.FullName?.Replace("ContractMonitor.Contracts.", "", StringComparison.Ordinal).Replace('+', '.'));
        });
        return services;
    }

    /// <summary>
    /// The document and Swagger UI at /swagger: open in Development, for an operator's token elsewhere
    /// (the document maps every route, which is reconnaissance to anyone else). Placed before
    /// authorization: the UI is static files, and the fallback policy would otherwise refuse them.
    /// </summary>
    public static WebApplication UseApiOpenApi(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseWhen(context => context.Request.Path.StartsWithSegments("/swagger"), branch => branch.Use(OperatorsOnlyAsync));
        }

        app.UseSwagger();
        app.UseSwaggerUI();
        return app;
    }

    private static async Task OperatorsOnlyAsync(HttpContext context, RequestDelegate next)
    {
        if (!Caller.TryFrom(context.User, out var caller))
        {
            await context.ChallengeAsync();
        }
        else if (!context.RequestServices.GetRequiredService<Operators>().Include(caller))
        {
            await context.ForbidAsync();
        }
        else
        {
            await next(context);
        }
    }
}
