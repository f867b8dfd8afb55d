using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using NewsApi.Http;

namespace NewsApi.Syndication;

/// <summary><c>since</c> and <c>limit</c> of the change feed.</summary>
public sealed record ChangesQuery(
    [FromQuery(Name = "since")] [property: Description("Opaque cursor: a nextCursor from an earlier answer. Omitted: from the first change ever.")] string? Since,
    [FromQuery(Name = "limit")] [property: Description("Entries per page, 1..500 (default 100)."), System.ComponentModel.DataAnnotations.Range(1, PartnerApi.MaxChangesLimit)] int? Limit);

public sealed class ChangesQueryValidator : AbstractValidator<ChangesQuery>
{
    public ChangesQueryValidator(CursorCodec cursors)
    {
        RuleFor(q => q.Limit).PageLimit(PartnerApi.MaxChangesLimit);
        RuleFor(q => q.Since).IssuedCursor(cursors);
    }
}

/// <summary>A page of the change feed. <c>nextCursor</c> is always there: at the end of the feed it is the
/// cursor to poll with.</summary>
public sealed record ChangePage(IReadOnlyList<Change> Items, string NextCursor);

/// <summary>One change, in commit order. <c>upsert</c>: store <c>article</c> under its <c>uri</c>, replacing what
/// you hold. <c>delete</c>: remove what you hold under <c>uri</c> (the article was deleted, unpublished, archived,
/// put under embargo, or its syndication withdrawn).</summary>
public sealed record Change(
    [property: Description("Position in the feed; grows with every change.")] long Seq,
    [property: Description("upsert | delete"), AllowedValues("upsert", "delete")] string Type,
    [property: Description("When the change was committed.")] DateTimeOffset At,
    [property: Description("The article's ninjs uri (urn:newsapi:article:{id}).")] string Uri,
    [property: Description("upsert only: the article as it is from this change on."), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] NinjsDocument? Article);
