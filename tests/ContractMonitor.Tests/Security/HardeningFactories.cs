using ContractMonitor.Tests.Infrastructure;

namespace ContractMonitor.Tests.Security;

/// <summary>The api as it runs in production: no Development conveniences.</summary>
public sealed class ProductionApiFactory : ApiFactory
{
    // Production is reached over TLS (or through a proxy that says so); its cookies are Secure.
    public ProductionApiFactory() => ClientOptions.BaseAddress = new Uri("https://localhost");

    protected override string Environment => "Production";
}

/// <summary>Production for a service several councils share, run by one of them.</summary>
public sealed class OperatedProductionApiFactory : ApiFactory
{
    public const string Operator = "operator-council";

    public OperatedProductionApiFactory() => ClientOptions.BaseAddress = new Uri("https://localhost");

    protected override string Environment => "Production";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Operations:Organisation"] = Operator };
}

/// <summary>Real limits, small enough to reach in a test: five a minute per user, three per anonymous address.</summary>
public sealed class RateLimitedApiFactory : ApiFactory
{
    public const int UserPermits = 5;
    public const int AnonymousPermits = 3;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:PermitsPerMinute"] = UserPermits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimiting:AnonymousPermitsPerMinute"] = AnonymousPermits.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// The api behind real Kestrel on a loopback port: body limits are the server's, and the in-memory
/// test server does not enforce them.
/// </summary>
public class KestrelApiFactory : ApiFactory
{
    // The server starts with the first client, once a subclass's settings are in place.
    public KestrelApiFactory() => UseKestrel(0);
}

/// <summary>The same, as it runs in production.</summary>
public sealed class ProductionKestrelApiFactory : KestrelApiFactory
{
    protected override string Environment => "Production";
}
