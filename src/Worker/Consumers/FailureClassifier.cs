using FhirSync.ControlPlane.Secrets;
using FhirSync.Mapping;
using FhirSync.Worker.Breakers;
using FhirSync.Worker.Runs;
using FhirSync.Worker.Sinks;
using FhirSync.Worker.Tenancy;
using FhirSync.Worker.Tenancy.Pools;

namespace FhirSync.Worker.Consumers;

/// <summary>
/// Which failures a retry cannot fix (they go straight to the error queue) and which stage each belongs to.
/// Everything else (database down, broker hiccup, FHIR server 5xx) is transient and retried.
/// </summary>
internal static class FailureClassifier
{
    public static readonly Type[] Permanent =
    [
        typeof(UnknownTenantException), typeof(MappingDefinitionException), typeof(SecretDecryptionException), typeof(InvalidSinkSettingsException),
        typeof(TenantConnectionRefusedException), typeof(WatermarkUntrustedException), typeof(MessageTooLargeException), typeof(DeliveryLimitExceededException),
        typeof(RequestRefusedException),
    ];

    public static bool IsPermanent(Exception exception) =>
        Permanent.Contains(exception.GetType()) || exception is SinkRejectedException { IsTransient: false };

    public static string StageOf(Exception exception) => exception switch
    {
        UnknownTenantException or SecretDecryptionException => "tenant",
        RequestRefusedException => "request",
        TenantBreakerOpenException { Dependency: TenantDependency.Source } => "source",
        TenantBreakerOpenException => "sink",
        MappingDefinitionException => "mapping",
        SinkRejectedException or InvalidSinkSettingsException or SinkBusyException or HttpRequestException => "sink",
        TaskCanceledException { InnerException: TimeoutException } => "sink", // HttpClient's timeout: the store did not answer
        MySqlConnector.MySqlException or TenantConnectionRefusedException or SourceConnectionsExhaustedException or WatermarkUntrustedException => "source",
        _ => "worker",
    };

    /// <summary>
    /// The reason published and logged. Our own exceptions are written value-free; for foreign ones only the type
    /// (and a MariaDB error number) is kept, since their messages can quote connection details or data.
    /// </summary>
    public static string ReasonOf(Exception exception) => exception switch
    {
        UnknownTenantException or MappingDefinitionException or SecretDecryptionException or SinkRejectedException or InvalidSinkSettingsException
            or TenantConnectionRefusedException or SourceConnectionsExhaustedException or WatermarkUntrustedException
            or MessageTooLargeException or DeliveryLimitExceededException or TenantBreakerOpenException or SinkBusyException
            or ControlPlane.ControlDatabase.ControlDatabaseUnavailableException or RequestRefusedException or TenantRunBusyException => exception.Message,
        MySqlConnector.MySqlException mysql => $"source database error {mysql.ErrorCode} ({mysql.Number})",
        HttpRequestException http => $"FHIR store unreachable ({http.HttpRequestError})",
        TaskCanceledException { InnerException: TimeoutException } => "the FHIR store did not answer in time",
        TaskCanceledException => "timed out",
        _ => exception.GetType().Name,
    };
}
