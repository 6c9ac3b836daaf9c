using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace ContractMonitor.Tests.Infrastructure;

/// <summary>A message as the server received it.</summary>
public sealed record ReceivedMessage(string From, IReadOnlyList<string> Recipients, MimeMessage Message)
{
    public string MessageId => Message.MessageId ?? "";

    public string Subject => Message.Subject ?? "";
}

/// <summary>
/// A real SMTP server on loopback, small enough to read: HELO/EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT.
/// It can be stopped and started again on the same port (the mail server going down and coming
/// back), and told to refuse chosen recipients with a 550.
/// </summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedMessage> received = new();
    private readonly ConcurrentDictionary<string, bool> refused = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentBag<TcpClient> clients = [];
    private TcpListener? listener;
    private CancellationTokenSource? stopping;
    private Task? accepting;

    public int Port { get; private set; }

    public IReadOnlyList<ReceivedMessage> Messages => [.. received];

    public bool IsRunning => listener is not null;

    public static LoopbackSmtpServer Start()
    {
        var server = new LoopbackSmtpServer();
        server.Listen(0);
        return server;
    }

    /// <summary>Refuse mail for this address with "550 mailbox unavailable".</summary>
    public void Refuse(string address) => refused[address] = true;

    /// <summary>Comes back up on the same port.</summary>
    public void Restart() => Listen(Port);

    /// <summary>Goes down: the port refuses connections and open sessions are dropped.</summary>
    public async Task StopAsync()
    {
        if (listener is null)
        {
            return;
        }

        await stopping!.CancelAsync();
        listener.Stop();
        listener = null;
        foreach (var client in clients)
        {
            client.Dispose();
        }

        try
        {
            await accepting!;
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting for a connection.
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> of the messages that <paramref name="match"/> have arrived.</summary>
    public Task<IReadOnlyList<ReceivedMessage>> WaitForAsync(int count, Func<ReceivedMessage, bool> match, TimeSpan? timeout = null) =>
        Eventually.ReadAsync<IReadOnlyList<ReceivedMessage>>(() => Task.FromResult<IReadOnlyList<ReceivedMessage>>(received.Where(match).ToList()),
            messages => messages.Count >= count, $"{count} messages", timeout);

    public async ValueTask DisposeAsync() => await StopAsync();

    private void Listen(int port)
    {
        var socket = new TcpListener(IPAddress.Loopback, port);
        socket.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        socket.Start();
        Port = ((IPEndPoint)socket.LocalEndpoint).Port;
        listener = socket;
        stopping = new CancellationTokenSource();
        accepting = AcceptAsync(socket, stopping.Token);
    }

    private async Task AcceptAsync(TcpListener socket, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await socket.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }

            clients.Add(client);
            _ = Task.Run(() => ServeAsync(client, cancellationToken), CancellationToken.None);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        try
        {
            using (client)
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.UTF8);
                await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
                await writer.WriteLineAsync("220 localhost test SMTP");
                string from = "";
                var recipients = new List<string>();
                while (await reader.ReadLineAsync(cancellationToken) is { } line)
                {
                    var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                    switch (verb)
                    {
                        case "EHLO":
                            await writer.WriteLineAsync("250-localhost");
                            await writer.WriteLineAsync("250 8BITMIME");
                            break;
                        case "HELO":
                        case "NOOP":
                            await writer.WriteLineAsync("250 OK");
                            break;
                        case "RSET":
                            (from, recipients) = ("", []);
                            await writer.WriteLineAsync("250 OK");
                            break;
                        case "MAIL":
                            from = Address(line);
                            await writer.WriteLineAsync("250 OK");
                            break;
                        case "RCPT":
                            var to = Address(line);
                            if (refused.ContainsKey(to))
                            {
                                await writer.WriteLineAsync("550 5.1.1 mailbox unavailable");
                            }
                            else
                            {
                                recipients.Add(to);
                                await writer.WriteLineAsync("250 OK");
                            }

                            break;
                        case "DATA":
                            await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>");
                            var data = new StringBuilder();
                            while (await reader.ReadLineAsync(cancellationToken) is { } dataLine && dataLine != ".")
                            {
                                data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                            }

                            using (var raw = new MemoryStream(Encoding.UTF8.GetBytes(data.ToString())))
                            {
                                received.Enqueue(new ReceivedMessage(from, [.. recipients], await MimeMessage.LoadAsync(raw, cancellationToken)));
                            }

                            (from, recipients) = ("", []);
                            await writer.WriteLineAsync("250 OK queued");
                            break;
                        case "QUIT":
                            await writer.WriteLineAsync("221 bye");
                            return;
                        default:
                            await writer.WriteLineAsync("502 command not implemented");
                            break;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
            // The server was stopped under an open session, as a real one going down would.
        }
    }

    private static string Address(string line)
    {
        var open = line.IndexOf('<', StringComparison.Ordinal);
        var close = line.IndexOf('>', StringComparison.Ordinal);
        return open >= 0 && close > open ? line[(open + 1)..close] : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
