using System.Threading.Channels;

namespace NewsApi.Caching;

/// <summary>Wakes an outbox's sender right after a commit, so what was queued goes out within milliseconds
/// rather than at the next poll. Only a hint (the rows are the truth, and the sender polls as well), and it is
/// never lost: a notification that arrives while the sender is busy wakes its next wait at once. Any outbox
/// (webhook deliveries too) can own one.</summary>
public sealed class OutboxSignal
{
    // One slot: any number of commits during a pass need just one more pass.
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Notify() => _wake.Writer.TryWrite(true);

    /// <summary>Waits for a notification or for <paramref name="timeout"/>; true when notified.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken ct)
    {
        using var elapsed = new CancellationTokenSource(timeout, clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, elapsed.Token);
        try
        {
            await _wake.Reader.ReadAsync(either.Token);
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
