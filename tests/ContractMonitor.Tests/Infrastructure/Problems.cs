using System.Net;
using System.Text.Json;

namespace ContractMonitor.Tests.Infrastructure;

/// <summary>Reads an RFC 9457 answer and checks it is one.</summary>
public static class Problems
{
    public static async Task<JsonElement> ReadProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }

    /// <summary>The messages under one key of a validation problem's <c>errors</c>; fails when the key is absent.</summary>
    public static string[] ErrorsFor(this JsonElement problem, string field)
    {
        Assert.True(problem.TryGetProperty("errors", out var errors), $"no errors in {problem}");
        Assert.True(errors.TryGetProperty(field, out var messages), $"no error for '{field}' in {errors}");
        return messages.EnumerateArray().Select(m => m.GetString()!).ToArray();
    }
}
