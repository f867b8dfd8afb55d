using System.Text;
using FluentValidation;

namespace NewsApi.Taxonomy;

/// <summary>The rules every taxonomy kind shares: a name, an optional well-formed slug, a bounded description.</summary>
public abstract class TaxonomyInputValidator<T> : AbstractValidator<T> where T : ITaxonomyInput
{
    protected TaxonomyInputValidator()
    {
        RuleFor(s => s.Name).NotEmpty().MaximumLength(100);
        RuleFor(s => s.Slug!).Must(s => Text.Slug.IsValid(s.Normalize(NormalizationForm.FormC))).When(s => s.Slug is not null)
            .WithMessage("Slug must be lower-case letters, marks and digits joined by single hyphens.")
            .Must(s => Text.SlugSafety.Refusal(s) is null).When(s => s.Slug is not null)
            .WithMessage((_, s) => $"Slug could pass for another: {Text.SlugSafety.Refusal(s)}.");
        RuleFor(s => s.Description).MaximumLength(2000);
    }
}

public sealed class SectionInputValidator : TaxonomyInputValidator<SectionInput>;

public sealed class TermInputValidator : TaxonomyInputValidator<TermInput>;

public sealed class SourceInputValidator : TaxonomyInputValidator<SourceInput>
{
    public SourceInputValidator()
    {
        RuleFor(s => s.Url!).Must(u => Text.WebUrl.Refusal(u) is null)
            .When(s => s.Url is not null).WithMessage((_, u) => $"url {Text.WebUrl.Refusal(u)}.");
    }
}
