using FhirSync.Mapping;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace FhirSync.Publisher.Commands;

/// <summary>Turns expected failures into one clear line and exit code 1, instead of a stack trace.</summary>
internal static class CommandErrors
{
    public static async Task<int> Report(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (ex is MappingDefinitionException or ArgumentException or InvalidOperationException or OptionsValidationException or FormatException
                                       or IOException or FhirSync.ControlPlane.Secrets.SecretDecryptionException)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }
        catch (MySqlException ex)
        {
            // The control database's message names the login, never the password.
            await Console.Error.WriteLineAsync($"error: control database: {ex.Message}");
            return 1;
        }
    }
}
