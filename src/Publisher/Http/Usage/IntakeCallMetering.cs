using FhirSync.ControlPlane.Tenants;
using FhirSync.ControlPlane.Usage;
using FhirSync.Contracts.V1;
using FhirSync.Publisher.Http.Authorization;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FhirSync.Publisher.Http.Usage;

/// <summary>
/// Meters each successful call on a tenant's routes as one <c>intake-call</c> usage event of that tenant, stored and
/// then published as <see cref="UsageRecorded"/>. Refused calls (4xx) are not billed.
/// </summary>
internal static class IntakeCallMetering
{
    public static IApplicationBuilder UseIntakeCallMetering(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var clock = context.RequestServices.GetRequiredService<TimeProvider>();
        var started = clock.GetTimestamp();
        await next(context);
        if (context.Response.StatusCode is < 200 or >= 300 || context.GetRouteValue(TenantAccessHandler.TenantRouteValue) is not string tenant
            || !TenantId.TryParse(tenant, out var tenantId)) return;
        var services = context.RequestServices;
        var dedupeKey = $"{UsageEvent.IntakeCall}/{Guid.NewGuid():N}";
        var usage = new UsageEvent(UsageEvent.IdOf(dedupeKey), dedupeKey, tenantId, RunId: null, UsageEvent.IntakeCall, ResourceType: null, 0, 0,
            context.Response.ContentLength ?? 0, 0, (long)clock.GetElapsedTime(started).TotalMilliseconds,
            services.GetRequiredService<IOptions<UsagePrices>>().Value.IntakeCall, clock.GetUtcNow());
        try
        {
            var store = services.GetRequiredService<UsageStore>();
            await store.RecordAsync(usage, CancellationToken.None);
            await services.GetRequiredService<IBus>().Publish(new UsageRecorded
            {
                EventId = usage.EventId, TenantId = tenantId.Value, EventType = usage.EventType, BytesSent = usage.BytesSent, DurationMs = usage.DurationMs,
                CostUnits = usage.CostUnits, OccurredAt = usage.OccurredAt,
            }, CancellationToken.None);
            await store.MarkPublishedAsync(usage.EventId, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The answer is already sent; a stored but unpublished event is published by a worker's usage relay.
            Log.CallUsageNotRecorded(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(IntakeCallMetering)), tenantId.Value, ex.GetType().Name);
        }
    });
}
