using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContractMonitor.Contracts;

/// <summary>The wire format every ContractMonitor endpoint speaks: camelCase, enums by name only.</summary>
public static class JsonDefaults
{
    /// <summary>Options for the wire, ready to use: the web defaults (camelCase) with the rules <c>Configure</c> applies.</summary>
    public static JsonSerializerOptions Web { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Applies the wire rules to an options instance the host already owns.</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Numbers for enums would let "3" slip past as a unit or polarity nobody named.
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        options.NumberHandling = JsonNumberHandling.Strict;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        return options;
    }
}
