namespace NewsApi.Webhooks;

/// <summary>The <c>Webhooks</c> configuration section.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Lets subscriptions and deliveries reach loopback, private, link-local and other non-public
    /// addresses. For local testing, or receivers on the publisher's own network; off by default.</summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>How long one delivery may take, connection included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The waits before each retry (each varied by up to a fifth, so receivers are not hit in step);
    /// after the last one fails the event is given up (still redeliverable by hand). Empty: <see cref="DefaultRetrySchedule"/>
    /// (a default here would be appended to, not replaced: that is how configuration binds arrays).</summary>
    public TimeSpan[] RetrySchedule { get; set; } = [];

    public static readonly TimeSpan[] DefaultRetrySchedule =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
    ];

    public IReadOnlyList<TimeSpan> Retries => RetrySchedule.Length > 0 ? RetrySchedule : DefaultRetrySchedule;

    /// <summary>A subscription whose deliveries have failed this long without a success is turned off.</summary>
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromDays(5);

    /// <summary>How long the previous secret keeps signing after a rotation.</summary>
    public TimeSpan RotationOverlap { get; set; } = TimeSpan.FromHours(24);
}
