using FluentValidation;

namespace NewsApi.Webhooks;

/// <summary>The rules a create and a PATCH share: a URL the SSRF guard lets through (<see cref="WebhookTargets"/>,
/// which resolves the host), known event names, a bounded description.</summary>
public abstract class WebhookTargetValidator<T> : AbstractValidator<T> where T : IWebhookTarget
{
    protected WebhookTargetValidator(WebhookTargets targets)
    {
        RuleFor(w => w.Url).CustomAsync(async (url, context, ct) =>
        {
            if (await targets.CheckAsync(url, ct) is { } refusal) context.AddFailure(refusal);
        });
        RuleFor(w => w.Events).NotEmpty().WithMessage("events must name at least one event, or \"*\".");
        RuleFor(w => w.Events).Must(e => e.Length <= 20 && e.Distinct(StringComparer.Ordinal).Count() == e.Length)
            .When(w => w.Events is { Length: > 0 }).WithMessage("events must not repeat a name.");
        RuleForEach(w => w.Events).Must(e => WebhookEvents.Subscribable.Contains(e))
            .WithMessage((_, e) => $"'{e}' is not an event; use {string.Join(", ", WebhookEvents.Subscribable)}.");
        RuleFor(w => w.Description).MaximumLength(500);
    }
}

public sealed class CreateWebhookValidator(WebhookTargets targets) : WebhookTargetValidator<CreateWebhookRequest>(targets);

public sealed class WebhookSettingsValidator(WebhookTargets targets) : WebhookTargetValidator<WebhookSettings>(targets);
