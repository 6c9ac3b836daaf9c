using FluentValidation;

namespace ContractMonitor.Api.Validation;

/// <summary>
/// Base of every request validator: errors are keyed by the JSON names the client sent
/// (<c>escalationPolicy.ladder[0].name</c>), however the validator is reached.
/// </summary>
public abstract class ApiValidator<T> : AbstractValidator<T>
{
    static ApiValidator()
    {
        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) => member is null ? null : JsonName(member.Name);
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : JsonName(member.Name);
    }

    private static string JsonName(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);
}
