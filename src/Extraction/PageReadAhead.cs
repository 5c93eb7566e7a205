namespace FhirSync.Extraction;

/// <summary>
/// Reads the next page while the caller writes the current one, so the source query and the sink overlap: at most one
/// page ahead, so memory stays at two pages and a slow sink still holds the reader back. Pages are whole lists, never
/// views on a buffer the next read reuses, which is what makes holding two of them safe.
/// </summary>
public sealed class PageReadAhead : IAsyncDisposable
{
    private readonly IAsyncEnumerator<SourcePage> _pages;
    private readonly TimeProvider _timeProvider;
    private Task<(SourcePage? Page, TimeSpan Took)>? _next;

    public PageReadAhead(IAsyncEnumerable<SourcePage> pages, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        _pages = pages.GetAsyncEnumerator(cancellationToken);
        _timeProvider = timeProvider;
        _next = ReadNextAsync();
    }

    public SourcePage Current { get; private set; } = null!;

    /// <summary>How long the source took to read <see cref="Current"/>, whether or not the caller had to wait for it.</summary>
    public TimeSpan CurrentReadTime { get; private set; }

    /// <summary>Waits for the page read ahead, makes it current and starts reading the one after it.</summary>
    public async Task<bool> MoveNextAsync()
    {
        var (page, took) = await _next!;
        _next = null;
        CurrentReadTime = took;
        if (page is null) return false;
        Current = page;
        _next = ReadNextAsync();
        return true;
    }

    private async Task<(SourcePage?, TimeSpan)> ReadNextAsync()
    {
        await Task.Yield(); // the read runs beside the caller, not inline before it gets the current page
        var started = _timeProvider.GetTimestamp();
        // Taken as soon as it is read: the enumerator's Current moves on with the read after it.
        var page = await _pages.MoveNextAsync() ? _pages.Current : null;
        return (page, _timeProvider.GetElapsedTime(started));
    }

    public async ValueTask DisposeAsync()
    {
        // An enumerator takes one call at a time: a read still running ends (or fails, unobserved now) before disposal.
        if (_next is { } pending)
        {
            try
            {
                await pending;
            }
            catch (Exception)
            {
                // The caller stopped early, for its own reason; a failed read it never asked for is not news to it.
            }
        }

        await _pages.DisposeAsync();
    }
}
