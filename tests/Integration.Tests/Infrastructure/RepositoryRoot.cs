namespace FhirSync.Integration.Tests.Infrastructure;

internal static class RepositoryRoot
{
    public static readonly string Path = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "FhirSync.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("FhirSync.sln not found above the test assembly");
    }
}
