using System.Diagnostics;

namespace ContractMonitor.Tests.Infrastructure;

/// <summary>
/// Waits for something a background part (the job server, the dispatcher, a recovering database)
/// does in its own time, by asking again until it holds; never a fixed sleep. A wait that runs out
/// fails the test saying what it waited for and what it last saw.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(20);

    /// <returns>The first value read that is <paramref name="done"/>.</returns>
    public static async Task<T> ReadAsync<T>(
        Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null, TimeSpan? every = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (clock.Elapsed > (timeout ?? Timeout))
            {
                throw new TimeoutException($"Waited {clock.Elapsed.TotalSeconds:0.#} s for {what}; last saw {value}.");
            }

            await Task.Delay(every ?? Every, cancellationToken);
        }
    }

    public static Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, TimeSpan? every = null) =>
        ReadAsync(condition, holds => holds, what, timeout, every);
}
