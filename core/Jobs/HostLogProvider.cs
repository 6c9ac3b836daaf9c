using Hangfire.AspNetCore;
using Hangfire.Logging;
using Microsoft.Extensions.Logging;

namespace ContractMonitor.Core.Jobs;

/// <summary>
/// Hangfire's log provider is a process-wide static, set to the logger factory of whichever host
/// configured Hangfire last. When that host stops, its factory is disposed and every logger Hangfire
/// asks for afterwards throws, so another host in the same process (test hosts) fails to enqueue.
/// This provider logs through the factory while it lives and is silent after.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory factory) : ILogProvider
{
    private readonly AspNetCoreLogProvider inner = new(factory);

    public ILog GetLogger(string name)
    {
        try
        {
            return new GuardedLog(inner.GetLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return GuardedLog.Silent;
        }
    }

    private sealed class GuardedLog(ILog? log) : ILog
    {
        public static readonly GuardedLog Silent = new(null);

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                return log?.Log(logLevel, messageFunc, exception) ?? false;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
