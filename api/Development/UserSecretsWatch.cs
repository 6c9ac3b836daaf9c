using System.Reflection;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.UserSecrets;
using Microsoft.Extensions.FileProviders;

namespace ContractMonitor.Api.Development;

/// <summary>
/// On a machine that has never minted a token, the user-secrets folder does not exist when the api
/// starts. AddUserSecrets then gives its source no file provider of its own, so it reads and watches
/// "secrets.json" in the content root instead; the key `dotnet user-jwts create` writes later is
/// never read, and every token is refused until a restart (issue 21). In Development the folder is
/// made first and the source rooted at it, so the new key is read as soon as it is written.
/// </summary>
internal static class UserSecretsWatch
{
    public static WebApplicationBuilder WatchUserSecrets(this WebApplicationBuilder builder)
    {
        if (builder.Environment.IsDevelopment()
            && typeof(Program).Assembly.GetCustomAttribute<UserSecretsIdAttribute>()?.UserSecretsId is { } id)
        {
            string path;
            try
            {
                path = PathHelper.GetSecretsPathFromSecretsId(id);
            }
            catch (InvalidOperationException)
            {
                return builder; // no home folder to keep secrets in: nothing to watch
            }

            Watch(builder.Configuration, path);
        }

        return builder;
    }

    /// <summary>Replaces the source that reads <paramref name="secretsPath"/> with one rooted at its own folder, made if missing.</summary>
    /// <returns>Whether such a source was found and replaced.</returns>
    internal static bool Watch(IConfigurationBuilder configuration, string secretsPath)
    {
        var full = Path.GetFullPath(secretsPath);
        var sources = configuration.Sources;
        for (var i = 0; i < sources.Count; i++)
        {
            // With no folder at start, AddUserSecrets leaves the file provider unset, and the builder's
            // (the content root) fills it in: it then watched "secrets.json" beside the app, not the secret.
            if (sources[i] is JsonConfigurationSource { Path: { } relative } json
                && ((relative == Path.GetFileName(full) && json.FileProvider is null or PhysicalFileProvider)
                    || (json.FileProvider is PhysicalFileProvider provider
                        && string.Equals(Path.GetFullPath(Path.Combine(provider.Root, relative)), full, StringComparison.Ordinal))))
            {
                var folder = Path.GetDirectoryName(full)!;
                try
                {
                    Directory.CreateDirectory(folder);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // A read-only mount (docker-compose's) or no write access: keep the source as it was.
                    return false;
                }

                sources[i] = new JsonConfigurationSource
                {
                    FileProvider = new PhysicalFileProvider(folder),
                    Path = Path.GetFileName(full),
                    Optional = true,
                    ReloadOnChange = json.ReloadOnChange,
                };
                return true;
            }
        }

        return false;
    }
}
