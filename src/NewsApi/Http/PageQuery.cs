using System.ComponentModel.DataAnnotations;
using System.ComponentModel;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace NewsApi.Http;

/// <summary><c>limit</c> and <c>cursor</c> of a keyset-paged list (taxonomy, revisions, keys). Which list a cursor
/// must belong to is the endpoint's <see cref="CursorList"/>.</summary>
public sealed record PageQuery(
    [FromQuery(Name = "limit")] [property: Description("Page size, 1..100 (default 20)."), Range(1, Paging.MaxLimit)] int? Limit,
    [FromQuery(Name = "cursor")] [property: Description("Opaque cursor.")] string? Cursor)
{
    public int Size => Limit ?? Paging.DefaultLimit;

    public string? Position(CursorCodec cursors, CursorList list) => list.Position(cursors, Cursor);

    /// <summary>For a list made with <see cref="CursorList.OfIds"/>.</summary>
    public long? PositionId(CursorCodec cursors, CursorList list) => CursorList.ParseId(Position(cursors, list));
}

public sealed class PageQueryValidator : AbstractValidator<PageQuery>
{
    public PageQueryValidator(CursorCodec cursors)
    {
        RuleFor(q => q.Limit).PageLimit();
        RuleFor(q => q.Cursor).IssuedCursor(cursors);
    }
}
