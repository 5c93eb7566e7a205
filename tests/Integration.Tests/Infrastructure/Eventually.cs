namespace FhirSync.Integration.Tests.Infrastructure;

/// <summary>Polls real services until what a test waits for holds, or fails the test naming it and what was seen last.</summary>
internal static class Eventually
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan DefaultPoll = TimeSpan.FromMilliseconds(100);

    /// <summary>Reads until <paramref name="condition"/> holds; returns the value that met it.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what,
        TimeSpan? timeout = null, TimeSpan? poll = null, Func<T, string>? describe = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var value = await read();
            if (condition(value)) return value;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"timed out after {(timeout ?? DefaultTimeout).TotalSeconds:0} s waiting for {what}; last seen: {(describe is null ? value?.ToString() : describe(value))}");
            await Task.Delay(poll ?? DefaultPoll);
        }
    }

    public static Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) => ValueAsync(condition, holds => holds, what, timeout);
}
