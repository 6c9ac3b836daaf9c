using FluentValidation;

namespace ContractMonitor.Api.Validation;

/// <summary>
/// Base of every request validator: errors are keyed by the JSON names the client sent
/// (<c>escalationPolicy.ladder[0].name</c>) once <see cref="ValidationNames.UseJsonNames"/> has run,
/// which <c>AddApiValidation</c> does.
/// </summary>
internal abstract class ApiValidator<T> : AbstractValidator<T>;

/// <summary>FluentValidation's names for fields, process-wide: the JSON names, as the client sent them.</summary>
internal static class ValidationNames
{
    public static void UseJsonNames()
    {
        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) => member is null ? null : JsonName(member.Name);
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : JsonName(member.Name);
    }

    private static string JsonName(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);
}
