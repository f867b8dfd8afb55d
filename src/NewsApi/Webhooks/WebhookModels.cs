using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace NewsApi.Webhooks;

/// <summary>The events a subscription can ask for. Each is about what the public can see: an article joins
/// (published, also when its embargo ends or the scheduler publishes it), changes while public, leaves
/// (unpublished, archived) or is deleted while public. A draft's edits raise nothing.</summary>
public static class WebhookEvents
{
    public const string Published = "article.published";
    public const string Updated = "article.updated";
    public const string Unpublished = "article.unpublished";
    public const string Deleted = "article.deleted";
    public const string Ping = "webhook.ping";
    public const string All = "*";

    public static readonly IReadOnlyList<string> Subscribable = [Published, Updated, Unpublished, Deleted, All];
}

public sealed record CreateWebhookRequest(
    [property: Description("Where events are POSTed: an absolute http(s) URL without user info, on a public address.")] string Url,
    [property: Description("The events to receive, or [\"*\"] for all of them."),
        AllowedValues(WebhookEvents.Published, WebhookEvents.Updated, WebhookEvents.Unpublished, WebhookEvents.Deleted, WebhookEvents.All)] string[] Events,
    [property: Description("What the subscription is for, e.g. 'मोबाइल ऐप push'.")] string? Description) : IWebhookTarget;

/// <summary>A created subscription: the only answer that carries its secret.</summary>
public sealed record CreatedWebhook(long Id, string Url, IReadOnlyList<string> Events, string? Description,
    [property: Description("whsec_ + base64 of 24 random bytes. Shown this once: it signs every delivery.")] string Secret,
    DateTimeOffset CreatedAt);

public sealed record Webhook(long Id, string Url, IReadOnlyList<string> Events, string? Description,
    [property: Description("false when turned off by PATCH or by the dispatcher (see disabledReason).")] bool Active,
    [property: Description("Why the dispatcher turned it off: the receiver answered 410 Gone, or failed for days in a row.")] string? DisabledReason,
    [property: Description("Since when deliveries have failed without a success in between; null while healthy.")] DateTimeOffset? FailingSince,
    [property: Description("Until when the secret before the last rotation still signs beside the new one.")] DateTimeOffset? PreviousSecretExpiresAt,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version);

/// <summary>What a subscriber chooses: the members a create and a PATCH share.</summary>
public interface IWebhookTarget
{
    string Url { get; }
    string[] Events { get; }
    string? Description { get; }
}

/// <summary>A subscription's settings, as a PATCH (JSON merge patch, RFC 7396) changes them: members left out
/// stay as they are; description null clears it.</summary>
public sealed record WebhookSettings(string Url,
    [property: AllowedValues(WebhookEvents.Published, WebhookEvents.Updated, WebhookEvents.Unpublished, WebhookEvents.Deleted, WebhookEvents.All)] string[] Events,
    string? Description,
    [property: Description("true turns a disabled subscription back on (clearing disabledReason); false pauses it.")] bool Active) : IWebhookTarget;

public sealed record RotatedSecret(long Id,
    [property: Description("The new secret, shown this once.")] string Secret,
    [property: Description("Until then deliveries carry a signature with the previous secret too (space-separated).")] DateTimeOffset PreviousSecretExpiresAt);

/// <summary>A queued event: a ping, or a redelivery.</summary>
public sealed record QueuedEvent(long WebhookId, string EventId, string Event);

public sealed record WebhookDelivery(long WebhookId,
    [property: Description("The webhook-id header: the same on every attempt of one event.")] string EventId,
    string Event,
    [property: Description("1 for the first try of a round; a redelivery starts a new round.")] int Attempt,
    DateTimeOffset At,
    [property: Description("The receiver's status; null when no answer came (refused, timed out, blocked address).")] int? StatusCode,
    long DurationMs, string? Error,
    [property: Description("When the event is tried again; null once delivered or given up.")] DateTimeOffset? NextAttemptAt);
