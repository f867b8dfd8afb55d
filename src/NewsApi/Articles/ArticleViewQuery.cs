using System.ComponentModel;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc;
using NewsApi.OpenApi;

namespace NewsApi.Articles;

/// <summary>How an article is shown: which fields (applied by <see cref="SparseFieldsFilter"/>) and which body formats.</summary>
public interface IArticleView
{
    string? Fields { get; }

    string? Formats { get; }
}

/// <summary><c>fields</c> and <c>formats</c> of one article.</summary>
public sealed record ArticleViewQuery(
    [FromQuery(Name = "fields")] [property: Description("Article fields to return, comma-separated (sparse fieldset); id is always included. The answer then holds only those members."), CommaSeparated(typeof(Article))] string? Fields,
    [FromQuery(Name = "formats")] [property: Description("Body formats, comma-separated: html (default), text, blocks. Formats not asked for are null in body."), CommaSeparated("html", "text", "blocks")] string? Formats) : IArticleView
{
    public BodyFormats BodyFormats => ArticleQueryParsing.Formats(Formats);
}

/// <summary><c>fields</c> and <c>formats</c> of a list of articles; the contract describes its <c>fields</c> in other words.</summary>
public sealed record ArticleListViewQuery(
    [FromQuery(Name = "fields")] [property: Description("Article fields to return, comma-separated (sparse fieldset); id is always included. Each item then holds only those members."), CommaSeparated(typeof(Article))] string? Fields,
    [FromQuery(Name = "formats")] [property: Description("Body formats, comma-separated: html (default), text, blocks. Formats not asked for are null in body."), CommaSeparated("html", "text", "blocks")] string? Formats) : IArticleView
{
    public BodyFormats BodyFormats => ArticleQueryParsing.Formats(Formats);
}

public abstract class ArticleViewValidator<T> : AbstractValidator<T> where T : IArticleView
{
    protected ArticleViewValidator()
    {
        // Added as failures, not WithMessage: the messages echo what the client sent, which must not be read as {placeholders}.
        RuleFor(v => v.Fields).Custom((fields, context) => Refuse(context, ArticleQueryParsing.FieldsProblem(fields)));
        RuleFor(v => v.Formats).Custom((formats, context) => Refuse(context, ArticleQueryParsing.FormatsProblem(formats)));
    }

    private static void Refuse(ValidationContext<T> context, string? problem)
    {
        if (problem is not null) context.AddFailure(new ValidationFailure(context.PropertyPath, problem));
    }
}

public sealed class ArticleViewQueryValidator : ArticleViewValidator<ArticleViewQuery>;

public sealed class ArticleListViewQueryValidator : ArticleViewValidator<ArticleListViewQuery>;
