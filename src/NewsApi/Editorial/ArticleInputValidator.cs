using NewsApi.Articles;
using System.Text;
using System.Text.RegularExpressions;
using FluentValidation;
using FluentValidation.Results;
using NewsApi.Text;

namespace NewsApi.Editorial;

/// <summary>Every rule of an article write; FluentValidation reports all failing fields at once.</summary>
public sealed partial class ArticleInputValidator : AbstractValidator<ArticleInput>
{
    public const int MaxBodyBytes = 1024 * 1024;
    public const int MaxTags = 20;

    // BCP 47 language tag (language, optional script, region, variants): hi, hi-IN, hi-Latn, en-GB.
    [GeneratedRegex(@"^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?(-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*$")]
    private static partial Regex LanguageTag();

    private readonly ArticleRepository _articles;

    public ArticleInputValidator(ArticleRepository articles)
    {
        _articles = articles;
        // Lengths are those of the text as stored (NFC, trimmed): NFC can lengthen text (precomposed क़ U+0958
        // is stored as क + nukta) or shorten it, and the limit is a promise about what readers get.
        RuleFor(a => a.Headline).NotEmpty().WithMessage("Headline is required.")
            .Must(h => StoredLength(h) <= 300).WithMessage("Headline must be at most 300 characters.");
        RuleFor(a => a.Subheadline).Must(s => StoredLength(s) <= 500).WithMessage("Subheadline must be at most 500 characters.");
        RuleFor(a => a.Excerpt).Must(s => StoredLength(s) <= 1000).WithMessage("Excerpt must be at most 1000 characters.");
        RuleFor(a => a.Dateline).Must(s => StoredLength(s) <= 100).WithMessage("Dateline must be at most 100 characters.");
        RuleFor(a => a.Slug!)
            .Must(s => Slug.IsValid(s.Normalize(NormalizationForm.FormC)))
            .WithMessage($"Slug must be lower-case letters, marks and digits joined by single hyphens, at most {Slug.MaxLength} characters.")
            .Must(s => SlugSafety.Refusal(s) is null).WithMessage((_, s) => $"Slug could pass for another: {SlugSafety.Refusal(s)}.")
            .When(a => a.Slug is not null);
        // A draft may start as a headline alone; publishing needs a body (ArticleWriter checks that).
        RuleFor(a => a.Body).Must(b => b is null || Encoding.UTF8.GetByteCount(b) <= MaxBodyBytes).WithMessage("Body must be at most 1 MB.");
        // Whether the section, source and authors exist is checked by the write, inside its transaction
        // (ArticleRepository.ResolveAsync), or below when the request fails for other reasons.
        RuleFor(a => a.Section).NotEmpty().WithMessage("Section is required (a section slug).");
        // Stop: the authors rule names the first failing author only (ValidateAsync keeps that with unknown ones).
        RuleForEach(a => a.Authors).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("An author slug may not be empty.");
        RuleFor(a => a.Tags).Must(t => t is null || t.Count <= MaxTags).WithMessage($"At most {MaxTags} tags.");
        RuleForEach(a => a.Tags).NotEmpty().MaximumLength(100);
        RuleFor(a => a.Language!).Must(l => LanguageTag().IsMatch(l)).WithMessage("Language must be a BCP 47 tag such as hi or hi-IN.")
            .When(a => a.Language is not null);
        // The messages name only code points (U+202E), never the URL sent: FluentValidation reads braces in them as placeholders.
        RuleFor(a => a.CanonicalUrl!).Must(u => WebUrl.Refusal(u) is null).WithMessage((_, u) => $"canonicalUrl {WebUrl.Refusal(u)}.")
            .When(a => a.CanonicalUrl is not null);
        When(a => a.Image is not null, () =>
        {
            RuleFor(a => a.Image!.Url).NotEmpty().WithName("image.url").WithMessage("image.url must be an absolute http(s) URL.")
                .Must(u => u is null || WebUrl.Refusal(u) is null).WithName("image.url").WithMessage((_, u) => $"image.url {WebUrl.Refusal(u!)}.");
            RuleFor(a => a.Image!.Width).GreaterThan(0).When(a => a.Image!.Width is not null).WithName("image.width");
            RuleFor(a => a.Image!.Height).GreaterThan(0).When(a => a.Image!.Height is not null).WithName("image.height");
        });
    }

    /// <summary>A request refused for other reasons also hears which section, source and authors it names do not
    /// exist: one answer names every failing field. A valid one has them checked once, inside the write transaction.</summary>
    public override async Task<ValidationResult> ValidateAsync(ValidationContext<ArticleInput> context, CancellationToken cancellation = default)
    {
        var result = await base.ValidateAsync(context, cancellation);
        if (result.IsValid) return result;
        foreach (var (field, messages) in await _articles.UnknownReferencesAsync(context.InstanceToValidate, cancellation))
        {
            if (AuthorIndex(field) is { } unknown && result.Errors.FirstOrDefault(e => AuthorIndex(e.PropertyName) is not null) is { } blank)
            {
                // One failing author is named, the first in the list, whether blank or unknown.
                if (AuthorIndex(blank.PropertyName) < unknown) continue;
                result.Errors.Remove(blank);
            }
            foreach (var message in messages) result.Errors.Add(new ValidationFailure(field, message));
        }
        return result;
    }

    private static int? AuthorIndex(string field) =>
        field.StartsWith("authors[", StringComparison.Ordinal) && int.TryParse(field.AsSpan(8, field.Length - 9), out var i) ? i : null;

    /// <summary>The length of a text field as the writer stores it (NFC, trimmed).</summary>
    private static int StoredLength(string? s) => s is null ? 0 : s.Normalize(NormalizationForm.FormC).Trim().Length;
}
