using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using FluentValidation;
using NewsApi.Data;
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

    public ArticleInputValidator(Db db)
    {
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
            .When(a => a.Slug is not null);
        // A draft may start as a headline alone; publishing needs a body (ArticleWriter checks that).
        RuleFor(a => a.Body).Must(b => b is null || Encoding.UTF8.GetByteCount(b) <= MaxBodyBytes).WithMessage("Body must be at most 1 MB.");
        RuleFor(a => a.Section).NotEmpty().WithMessage("Section is required (a section slug).")
            .MustAsync((slug, ct) => ExistsAsync(db, "SELECT EXISTS (SELECT 1 FROM sections WHERE slug = @slug)", slug!, ct))
            .WithMessage(a => $"No section has the slug '{a.Section}'.")
            .When(a => !string.IsNullOrWhiteSpace(a.Section));
        RuleFor(a => a.Source!)
            .MustAsync((slug, ct) => ExistsAsync(db, "SELECT EXISTS (SELECT 1 FROM sources WHERE slug = @slug)", slug, ct))
            .WithMessage(a => $"No source has the slug '{a.Source}'.")
            .When(a => !string.IsNullOrWhiteSpace(a.Source));
        RuleForEach(a => a.Authors).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("An author slug may not be empty.")
            .MustAsync((slug, ct) => ExistsAsync(db, "SELECT EXISTS (SELECT 1 FROM authors WHERE slug = @slug)", slug, ct))
            .WithMessage((a, slug) => $"No author has the slug '{slug}'.");
        RuleFor(a => a.Tags).Must(t => t is null || t.Count <= MaxTags).WithMessage($"At most {MaxTags} tags.");
        RuleForEach(a => a.Tags).NotEmpty().MaximumLength(100);
        RuleFor(a => a.Language!).Must(l => LanguageTag().IsMatch(l)).WithMessage("Language must be a BCP 47 tag such as hi or hi-IN.")
            .When(a => a.Language is not null);
        RuleFor(a => a.CanonicalUrl!).Must(IsHttpUrl).WithMessage("canonicalUrl must be an absolute http(s) URL.")
            .When(a => a.CanonicalUrl is not null);
        When(a => a.Image is not null, () =>
        {
            RuleFor(a => a.Image!.Url).NotEmpty().Must(u => u is null || IsHttpUrl(u))
                .WithName("image.url").WithMessage("image.url must be an absolute http(s) URL.");
            RuleFor(a => a.Image!.Width).GreaterThan(0).When(a => a.Image!.Width is not null).WithName("image.width");
            RuleFor(a => a.Image!.Height).GreaterThan(0).When(a => a.Image!.Height is not null).WithName("image.height");
        });
    }

    /// <summary>The length of a text field as the writer stores it (NFC, trimmed).</summary>
    private static int StoredLength(string? s) => s is null ? 0 : s.Normalize(NormalizationForm.FormC).Trim().Length;

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static async Task<bool> ExistsAsync(Db db, string sql, string? slug, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(slug)) return false;
        await using var connection = await db.OpenAsync(ct);
        var normalized = Slug.Key(slug);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(sql, new { slug = normalized }, cancellationToken: ct));
    }
}
