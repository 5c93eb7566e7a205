using MySqlConnector;

namespace FhirSync.ControlPlane.ControlDatabase;

/// <summary>
/// The control database failed during a run (watermarks, reports, tenant registry). Not the tenant's database: it
/// must neither open the tenant's source breaker nor be reported as a source failure. Transient.
/// </summary>
public sealed class ControlDatabaseUnavailableException(MySqlException inner)
    : Exception($"the control database failed (error {inner.ErrorCode}, {inner.Number})", inner)
{
    /// <summary>Runs a control-database call, turning its database errors into this exception.</summary>
    public static async Task<T> GuardAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (MySqlException failure)
        {
            throw new ControlDatabaseUnavailableException(failure);
        }
    }

    /// <inheritdoc cref="GuardAsync{T}(Func{Task{T}})"/>
    public static Task GuardAsync(Func<Task> call) => GuardAsync(async () =>
    {
        await call();
        return true;
    });
}
