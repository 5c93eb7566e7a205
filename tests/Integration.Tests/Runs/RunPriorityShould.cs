using FhirSync.Worker.Runs;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FhirSync.Integration.Tests.Runs;

/// <summary>Short runs first, on a fake clock: when an old run gives way to young ones before a page, and when it stops giving way.</summary>
public sealed class RunPriorityShould
{
    private readonly FakeTimeProvider _clock = new();

    private RunPriority Priority(int youngSeconds = 2, int yieldMilliseconds = 1_000) =>
        new(Options.Create(new RunOptions { YoungRunSeconds = youngSeconds, YieldMilliseconds = yieldMilliseconds }), _clock);

    [Fact]
    public async Task HoldAnOldRunsNextPageUntilTheYoungRunEnds()
    {
        var priority = Priority();
        using var large = priority.Start();
        _clock.Advance(TimeSpan.FromSeconds(3)); // the large run is old now
        await large.BeforePageAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)); // nobody young: no wait

        var small = priority.Start();
        var page = large.BeforePageAsync(CancellationToken.None);
        await Task.Delay(50);
        Assert.False(page.IsCompleted);
        await small.BeforePageAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)); // the young one never waits

        small.Dispose();
        await page.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task LetAnOldRunGoOnAfterItsLongestWaitSoYoungRunsNeverStarveIt()
    {
        var priority = Priority(youngSeconds: 60);
        using var large = priority.Start();
        _clock.Advance(TimeSpan.FromSeconds(61));
        using var small = priority.Start();

        var page = large.BeforePageAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Delay(50);
        Assert.False(page.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await page.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ShareOnePagesLongestWaitBetweenTheWaitBeforeThePageAndThoseBetweenItsRows()
    {
        var priority = Priority(youngSeconds: 60);
        using var large = priority.Start();
        _clock.Advance(TimeSpan.FromSeconds(61));
        await large.BetweenRowsAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)); // nobody young: it only lets queued work run
        using var small = priority.Start();

        var page = large.BeforePageAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromMilliseconds(600));
        await Task.Delay(50);
        Assert.False(page.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(400));
        await page.WaitAsync(TimeSpan.FromSeconds(5));

        // The page's second is used up: its rows go on beside the young run.
        await large.BetweenRowsAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        var nextPage = large.BeforePageAsync(CancellationToken.None); // a new page, a new second
        await Task.Delay(50);
        Assert.False(nextPage.IsCompleted);
        small.Dispose();
        await nextPage.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task StopCountingARunAsYoungWhenItsTimeIsUpEvenIfItNeverReachesAPage()
    {
        var priority = Priority();
        using var large = priority.Start();
        _clock.Advance(TimeSpan.FromSeconds(3));
        using var stuck = priority.Start(); // say its database hangs before the first page

        _clock.Advance(TimeSpan.FromSeconds(2));

        await large.BeforePageAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task NeverHoldARunWhenPriorityIsOff()
    {
        var priority = Priority(youngSeconds: 0);
        using var large = priority.Start();
        using var small = priority.Start();

        await large.BeforePageAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task GiveUpTheWaitWhenTheRunIsCancelled()
    {
        var priority = Priority();
        using var large = priority.Start();
        _clock.Advance(TimeSpan.FromSeconds(3));
        using var small = priority.Start();
        using var stop = new CancellationTokenSource();

        var page = large.BeforePageAsync(stop.Token);
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => page.WaitAsync(TimeSpan.FromSeconds(5)));
    }
}
