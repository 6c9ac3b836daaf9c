using System.Net.Http.Headers;
using System.Text;

namespace ContractMonitor.Tests.Security.Hostile;

/// <summary>One generated request, kept as plain data so a failure can be printed and replayed.</summary>
public sealed record HostileRequest(
    ApiOperation Operation, string Url, string? ContentType, byte[]? Body, IReadOnlyDictionary<string, string> Headers, string Mutation)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(Operation.Method, Url);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (!string.IsNullOrEmpty(ContentType))
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        foreach (var (name, value) in Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        return message;
    }

    public string Describe()
    {
        var body = Body is null ? "" : Encoding.UTF8.GetString(Body);
        var shown = body.Length > 300 ? $"{body[..300]}… ({body.Length} chars)" : body;
        var url = Url.Length > 300 ? $"{Url[..300]}…" : Url;
        return $"{Operation.Method} {url} [{ContentType}] {Mutation}: {shown}";
    }
}
