using System.Globalization;
using FluentValidation;

namespace NewsApi.Http;

/// <summary>A list paged with signed cursors: its name, which keeps one list's cursors out of another
/// (<see cref="CursorCodec"/>), and what a position in it looks like. An endpoint that takes a <c>cursor</c>
/// carries its list as metadata, so one query record and its validator serve every list.</summary>
public sealed class CursorList(string name, Func<string, bool>? isPosition = null)
{
    public string Name => name;

    /// <summary>A list keyed by id: its positions are whole numbers.</summary>
    public static CursorList OfIds(string name) => new(name, p => ParseId(p) is not null);

    /// <summary>Whether <paramref name="cursor"/> is one this API issued for this list.</summary>
    public bool Accepts(CursorCodec cursors, string cursor) =>
        cursors.TryDecode(name, cursor, out string position) && (isPosition?.Invoke(position) ?? true);

    /// <summary>The position of a cursor the validator accepted; null without one (the first page).</summary>
    public string? Position(CursorCodec cursors, string? cursor) =>
        cursor is not null && cursors.TryDecode(name, cursor, out string position) ? position : null;

    public static long? ParseId(string? position) =>
        long.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>The list of the endpoint being validated, from the request <see cref="ValidationFilter"/> hands its validators.</summary>
    public static CursorList Of(IValidationContext context) =>
        (context.RootContextData.TryGetValue(nameof(HttpContext), out var http) ? (http as HttpContext)?.GetEndpoint()?.Metadata.GetMetadata<CursorList>() : null)
        ?? throw new InvalidOperationException("An endpoint that takes a cursor names its CursorList with .WithMetadata(...).");
}
