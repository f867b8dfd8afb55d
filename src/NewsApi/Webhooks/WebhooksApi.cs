using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using NewsApi.Access;
using NewsApi.Http;

namespace NewsApi.Webhooks;

/// <summary>/v1/admin/webhooks: admins subscribe receivers to article events. A subscription's ETag is its
/// version; a PATCH needs it in If-Match (428 without, 412 when stale).</summary>
public static class WebhooksApi
{
    private static readonly CursorList WebhookList = CursorList.OfIds("webhooks");
    private static readonly CursorList DeliveryList = CursorList.OfIds("webhook-deliveries");

    public static RouteGroupBuilder MapWebhooksApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/admin/webhooks").WithTags("Admin: webhooks").RequireKey(Policies.Admin).CachePrivate()
            .RequireRateLimiting(RateLimits.Admin).WithValidation();
        group.MapPost("/", Create).WithName("createWebhook").WithSummary("Subscribe a URL to article events (the secret is shown once)");
        group.MapGet("/", List).WithName("listWebhooks").WithSummary("List webhook subscriptions (never their secrets)").WithMetadata(WebhookList);
        group.MapGet("/{id}", Get).WithName("getWebhook").WithSummary("Get a webhook subscription with its ETag");
        group.MapPatch("/{id}", Patch).WithName("patchWebhook")
            .WithSummary("Change url, events, description or active with a JSON merge patch (If-Match required)")
            .Accepts<WebhookSettings>("application/merge-patch+json", "application/json");
        group.MapDelete("/{id}", Delete).WithName("deleteWebhook").WithSummary("Delete a subscription with its queued events and delivery log");
        group.MapPost("/{id}/rotate-secret", RotateSecret).WithName("rotateWebhookSecret")
            .WithSummary("A new secret; the old one keeps signing beside it for 24 hours");
        group.MapPost("/{id}/ping", Ping).WithName("pingWebhook").WithSummary("Send a webhook.ping event through the outbox");
        group.MapGet("/{id}/deliveries", Deliveries).WithName("listWebhookDeliveries")
            .WithSummary("Delivery attempts, newest first").WithMetadata(DeliveryList);
        group.MapPost("/{id}/deliveries/{eventId}/redeliver", Redeliver).WithName("redeliverWebhookEvent")
            .WithSummary("Send an event again, with a fresh round of retries");
        return group;
    }

    public static async Task<Created<CreatedWebhook>> Create(CreateWebhookRequest request, WebhookRepository webhooks, HttpContext http, CancellationToken ct)
    {
        // The answer carries the secret: no cache may keep it.
        http.Response.Headers.CacheControl = ConditionalGetMiddleware.PrivateCacheControl;
        var row = await webhooks.CreateAsync(request.Url, request.Events, Blank(request.Description), WebhookSignature.NewSecret(), ct);
        Preconditions.SetETag(http, row.Version);
        return TypedResults.Created($"/v1/admin/webhooks/{row.Id.ToString(CultureInfo.InvariantCulture)}",
            new CreatedWebhook(row.Id, row.Url, row.EventList, row.Description, row.Secret, row.CreatedAt));
    }

    public static async Task<Ok<Articles.Page<Webhook>>> List([AsParameters] PageQuery query, WebhookRepository webhooks, CursorCodec cursors,
        HttpContext http, CancellationToken ct)
    {
        var n = query.Size;
        var rows = await webhooks.ListAsync(query.PositionId(cursors, WebhookList) ?? 0, n + 1, ct);
        var page = rows.Take(n).Select(r => r.ToWebhook()).ToList();
        var next = rows.Count > n ? cursors.Encode(WebhookList.Name, page[^1].Id) : null;
        Paging.SetNextLink(http, next);
        return TypedResults.Ok(new Articles.Page<Webhook>(page, next));
    }

    public static async Task<Results<Ok<Webhook>, NotFoundProblem>> Get([Description("Subscription id.")] long id, WebhookRepository webhooks,
        HttpContext http, CancellationToken ct)
    {
        if (await webhooks.FindAsync(id, ct) is not { } row) return NoSuch(id);
        Preconditions.SetETag(http, row.Version);
        return TypedResults.Ok(row.ToWebhook());
    }

    public static async Task<Results<Ok<Webhook>, ValidationProblem, NotFoundProblem, PreconditionProblem, UnsupportedMediaTypeProblem>> Patch(
        [Description("Subscription id.")] long id, WebhookRepository webhooks, IValidator<WebhookSettings> validator, IOptions<JsonOptions> json,
        HttpContext http, CancellationToken ct)
    {
        var mediaType = http.Request.ContentType?.Split(';')[0].Trim();
        if (!string.Equals(mediaType, "application/merge-patch+json", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
            return new UnsupportedMediaTypeProblem("PATCH takes a JSON merge patch: Content-Type: application/merge-patch+json.");
        if (await webhooks.FindAsync(id, ct) is not { } row) return NoSuch(id);
        if (Preconditions.Refusal(http, row.Version, $"webhook {id.ToString(CultureInfo.InvariantCulture)}") is { } refused)
            return new PreconditionProblem(refused.Status, refused.Detail);

        var options = json.Value.SerializerOptions;
        WebhookSettings settings;
        try
        {
            if (await JsonNode.ParseAsync(http.Request.Body, cancellationToken: ct) is not JsonObject patch)
                return Invalid("body", "A merge patch for a webhook must be a JSON object.");
            var current = new WebhookSettings(row.Url, [.. row.EventList], row.Description, row.Active);
            settings = Editorial.MergePatch.Apply(JsonSerializer.SerializeToNode(current, options), patch).Deserialize<WebhookSettings>(options)!;
        }
        // Not JSON, a wrong type, a lone surrogate (read lazily: InvalidOperationException), a repeated member (ArgumentException).
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            return Invalid("body", "The request body is not a valid merge patch for a webhook: " + e.Message);
        }
        var validation = await validator.ValidateAsync(settings, ct);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.ToDictionary());

        var (outcome, updated) = await webhooks.UpdateAsync(id, row.Version, settings.Url, settings.Events, Blank(settings.Description), settings.Active, ct);
        if (outcome == WebhookWriteOutcome.NotFound) return NoSuch(id);
        if (outcome == WebhookWriteOutcome.VersionMismatch)
            return new PreconditionProblem(StatusCodes.Status412PreconditionFailed, "The webhook changed while it was being saved; fetch it again.");
        Preconditions.SetETag(http, updated!.Version);
        return TypedResults.Ok(updated.ToWebhook());
    }

    public static async Task<Results<NoContent, NotFoundProblem>> Delete([Description("Subscription id.")] long id, WebhookRepository webhooks, CancellationToken ct) =>
        await webhooks.DeleteAsync(id, null, ct) ? TypedResults.NoContent() : NoSuch(id);

    public static async Task<Results<Ok<RotatedSecret>, NotFoundProblem>> RotateSecret([Description("Subscription id.")] long id,
        WebhookRepository webhooks, HttpContext http, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = ConditionalGetMiddleware.PrivateCacheControl;
        if (await webhooks.RotateSecretAsync(id, WebhookSignature.NewSecret(), ct) is not { } row) return NoSuch(id);
        Preconditions.SetETag(http, row.Version);
        return TypedResults.Ok(new RotatedSecret(row.Id, row.Secret, row.PreviousSecretUntil!.Value));
    }

    public static async Task<Results<Accepted<QueuedEvent>, NotFoundProblem, ConflictProblem>> Ping([Description("Subscription id.")] long id,
        WebhookRepository webhooks, CancellationToken ct)
    {
        if (await webhooks.FindAsync(id, ct) is not { } row) return NoSuch(id);
        if (!row.Active) return new ConflictProblem($"Webhook {id.ToString(CultureInfo.InvariantCulture)} is turned off ({row.DisabledReason ?? "by PATCH"}); PATCH active=true first.");
        if (await webhooks.EnqueuePingAsync(id, ct) is not { } eventId) return NoSuch(id);
        return TypedResults.Accepted(DeliveriesOf(id), new QueuedEvent(id, eventId, WebhookEvents.Ping));
    }

    public static async Task<Results<Ok<Articles.Page<WebhookDelivery>>, NotFoundProblem>> Deliveries([Description("Subscription id.")] long id,
        [AsParameters] PageQuery query, WebhookRepository webhooks, CursorCodec cursors, HttpContext http, CancellationToken ct)
    {
        if (await webhooks.FindAsync(id, ct) is null) return NoSuch(id);
        var n = query.Size;
        var rows = await webhooks.DeliveriesAsync(id, query.PositionId(cursors, DeliveryList) ?? long.MaxValue, n + 1, ct);
        var page = rows.Take(n).ToList();
        var next = rows.Count > n ? cursors.Encode(DeliveryList.Name, page[^1].Id) : null;
        Paging.SetNextLink(http, next);
        return TypedResults.Ok(new Articles.Page<WebhookDelivery>([.. page.Select(r => r.ToDelivery())], next));
    }

    public static async Task<Results<Accepted<QueuedEvent>, NotFoundProblem>> Redeliver([Description("Subscription id.")] long id,
        [Description("The event's webhook-id, as the delivery log shows it.")] string eventId, WebhookRepository webhooks, CancellationToken ct) =>
        await webhooks.RedeliverAsync(id, eventId, ct) is { } type
            ? TypedResults.Accepted(DeliveriesOf(id), new QueuedEvent(id, eventId, type))
            : new NotFoundProblem($"Webhook {id.ToString(CultureInfo.InvariantCulture)} has no event '{eventId}'.");

    private static string DeliveriesOf(long id) => $"/v1/admin/webhooks/{id.ToString(CultureInfo.InvariantCulture)}/deliveries";

    private static NotFoundProblem NoSuch(long id) => new($"No webhook has id {id.ToString(CultureInfo.InvariantCulture)}.");

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
