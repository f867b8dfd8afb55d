using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using NewsApi.Http;

namespace NewsApi.Editorial;

/// <summary>Query parameters of <c>GET /v1/admin/articles</c>.</summary>
public sealed record AdminArticleQuery(
    [FromQuery(Name = "status")]
    [property: Description("draft | scheduled | published | archived"), AllowedValues("draft", "scheduled", "published", "archived")] string? Status,
    [FromQuery(Name = "limit")] [property: Description("Page size, 1..100 (default 20)."), Range(1, Paging.MaxLimit)] int? Limit,
    [FromQuery(Name = "cursor")] [property: Description("Opaque cursor.")] string? Cursor)
{
    /// <summary>Newest first: a cursor holds the id to continue below.</summary>
    public static CursorList List { get; } = CursorList.OfIds("admin-articles");

    /// <summary>Status is matched in any case.</summary>
    public string? StatusKey => Status?.ToLowerInvariant();

    public int Size => Limit ?? Paging.DefaultLimit;

    public long? BeforeId(CursorCodec cursors) => CursorList.ParseId(List.Position(cursors, Cursor));
}

public sealed class AdminArticleQueryValidator : AbstractValidator<AdminArticleQuery>
{
    public AdminArticleQueryValidator(CursorCodec cursors)
    {
        RuleFor(q => q.Limit).PageLimit();
        RuleFor(q => q.Status).Must(status => status?.ToLowerInvariant() is null or "draft" or "scheduled" or "published" or "archived")
            .WithMessage("status must be one of draft, scheduled, published, archived.");
        RuleFor(q => q.Cursor).IssuedCursor(cursors);
    }
}
