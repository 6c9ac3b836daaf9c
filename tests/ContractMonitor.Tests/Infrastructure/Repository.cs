namespace ContractMonitor.Tests.Infrastructure;

/// <summary>The checkout the tests run from.</summary>
public static class Repository
{
    /// <summary>The folder holding ContractMonitor.sln, found upwards from the test assembly's own.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "ContractMonitor.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("ContractMonitor.sln was not found above the tests.");
    }
}
