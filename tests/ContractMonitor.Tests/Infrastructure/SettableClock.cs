namespace ContractMonitor.Tests.Infrastructure;

/// <summary>
/// A clock a test sets to any instant. FakeTimeProvider refuses to go back in time, which theories
/// sharing one api would need.
/// </summary>
public sealed class SettableClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => Now;
}
