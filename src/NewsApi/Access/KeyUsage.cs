using System.Collections.Concurrent;

namespace NewsApi.Access;

/// <summary>When each key was last used, held in memory until <see cref="KeyUsageFlusher"/> writes it. A
/// request only notes the time here: reads never write (a keyed GET once waited 17 s for the write lock).</summary>
public sealed class KeyUsage
{
    private readonly ConcurrentDictionary<long, DateTimeOffset> _pending = new();

    /// <summary>Notes that key <paramref name="keyId"/> was used at <paramref name="at"/>; keeps the latest time.</summary>
    public void Record(long keyId, DateTimeOffset at)
    {
        // Most calls find the key already noted at an equal or later time and touch nothing.
        if (_pending.TryGetValue(keyId, out var noted) && noted >= at) return;
        _pending.AddOrUpdate(keyId, static (_, at) => at, static (_, noted, at) => at > noted ? at : noted, at);
    }

    /// <summary>The times noted since the last successful flush.</summary>
    public IReadOnlyList<KeyValuePair<long, DateTimeOffset>> Pending() => _pending.ToArray();

    /// <summary>Forgets times that were written; a time noted again meanwhile (a later one) stays pending.</summary>
    public void Written(IEnumerable<KeyValuePair<long, DateTimeOffset>> written)
    {
        foreach (var use in written) _pending.TryRemove(use);
    }
}
