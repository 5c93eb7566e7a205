namespace FhirSync.ControlPlane.Tenants;

/// <summary>A tenant as registered in the control database, with its source connection string and sink credentials still encrypted.</summary>
public sealed record TenantRegistration
{
    public required TenantId TenantId { get; init; }

    public required string DisplayName { get; init; }

    /// <summary>The source connection string, encrypted by <see cref="Secrets.SecretProtector"/>.</summary>
    public required string EncryptedSourceConnection { get; init; }

    public required SinkSettings Sink { get; init; }

    /// <summary>
    /// The sink's bearer token, encrypted by <see cref="Secrets.SecretProtector"/> for
    /// <see cref="Secrets.SecretPurpose.SinkCredentials"/>; null when the sink needs none.
    /// </summary>
    public string? EncryptedSinkCredentials { get; init; }

    /// <summary>Quartz cron expression of the tenant's scheduled sync.</summary>
    public string ScheduleCron { get; init; } = "0 0 2 * * ?";

    /// <summary>IANA time zone the schedule is read in.</summary>
    public string ScheduleTimeZone { get; init; } = "UTC";

    /// <summary>The tenant's mapping document (JSON).</summary>
    public required string MappingDocument { get; init; }

    /// <summary>The tenant's id salt; fixed at registration so resource ids never change.</summary>
    public required byte[] IdSalt { get; init; }

    public bool Enabled { get; init; } = true;
}
