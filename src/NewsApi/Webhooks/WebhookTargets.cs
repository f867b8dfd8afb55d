using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace NewsApi.Webhooks;

/// <summary>Resolves a host name; replaceable so tests can make a name resolve anywhere without DNS.</summary>
public interface IHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct);
}

public sealed class DnsHostResolver : IHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) => Dns.GetHostAddressesAsync(host, ct);
}

/// <summary>The SSRF guard: a webhook may only reach the public internet. A URL is checked when it is subscribed
/// (<see cref="CheckAsync"/>, every address its host resolves to), and every delivery connects through
/// <see cref="ConnectAsync"/>, which resolves again and connects only to an allowed address — so a name that
/// resolves somewhere public at subscription and to 127.0.0.1 later (DNS rebinding) gets nowhere.
/// <c>Webhooks:AllowPrivateTargets</c> lifts the address rules (local testing), never the URL rules.</summary>
public sealed class WebhookTargets(IHostResolver resolver, IOptions<WebhookOptions> options)
{
    private readonly bool _allowPrivate = options.Value.AllowPrivateTargets;

    private static readonly (IPNetwork Network, string What)[] Forbidden =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "an unspecified ('this network') address"),
        (IPNetwork.Parse("10.0.0.0/8"), "a private (RFC 1918) address"),
        (IPNetwork.Parse("100.64.0.0/10"), "a carrier-grade NAT (RFC 6598) address"),
        (IPNetwork.Parse("127.0.0.0/8"), "a loopback address"),
        (IPNetwork.Parse("169.254.0.0/16"), "a link-local address (cloud metadata lives there)"),
        (IPNetwork.Parse("172.16.0.0/12"), "a private (RFC 1918) address"),
        (IPNetwork.Parse("192.0.0.0/24"), "an IETF protocol assignment"),
        (IPNetwork.Parse("192.0.2.0/24"), "a documentation address"),
        (IPNetwork.Parse("192.88.99.0/24"), "a deprecated 6to4 relay address"),
        (IPNetwork.Parse("192.168.0.0/16"), "a private (RFC 1918) address"),
        (IPNetwork.Parse("198.18.0.0/15"), "a benchmarking address"),
        (IPNetwork.Parse("198.51.100.0/24"), "a documentation address"),
        (IPNetwork.Parse("203.0.113.0/24"), "a documentation address"),
        (IPNetwork.Parse("224.0.0.0/4"), "a multicast address"),
        (IPNetwork.Parse("240.0.0.0/4"), "a reserved or broadcast address"),
        // Azure's wire server and instance metadata answer here, on an address that is otherwise public.
        (IPNetwork.Parse("168.63.129.16/32"), "a cloud metadata address"),
        (IPNetwork.Parse("::/128"), "the unspecified address"),
        (IPNetwork.Parse("::1/128"), "a loopback address"),
        (IPNetwork.Parse("::/96"), "a deprecated IPv4-compatible address"),
        (IPNetwork.Parse("100::/64"), "a discard-only address"),
        // Local-use NAT64 (RFC 8215) may translate to any IPv4 address inside the network.
        (IPNetwork.Parse("64:ff9b:1::/48"), "a local-use NAT64 address"),
        (IPNetwork.Parse("2001::/32"), "a Teredo tunnel address"),
        (IPNetwork.Parse("2001:db8::/32"), "a documentation address"),
        (IPNetwork.Parse("fc00::/7"), "a unique-local address (AWS's IPv6 metadata lives there)"),
        (IPNetwork.Parse("fe80::/10"), "a link-local address"),
        (IPNetwork.Parse("fec0::/10"), "a deprecated site-local address"),
        (IPNetwork.Parse("ff00::/8"), "a multicast address"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    /// <summary>Why <paramref name="address"/> may not be reached; null when it may. IPv4 carried inside IPv6
    /// (mapped, NAT64, 6to4) is judged as the IPv4 address it carries.</summary>
    public static string? Refusal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        else if (address.AddressFamily == AddressFamily.InterNetworkV6 && (Nat64.Contains(address) || SixToFour.Contains(address)))
        {
            var bytes = address.GetAddressBytes();
            var embedded = Nat64.Contains(address) ? new IPAddress(bytes[12..16]) : new IPAddress(bytes[2..6]);
            if (Refusal(embedded) is { } inner) return inner;
            return null;
        }
        foreach (var (network, what) in Forbidden)
        {
            if (network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address)) return $"{address} is {what}";
        }
        return null;
    }

    /// <summary>Why <paramref name="url"/> may not be subscribed; null when it may.</summary>
    public async Task<string?> CheckAsync(string url, CancellationToken ct)
    {
        if (UrlRefusal(url, out var uri) is { } refusal) return refusal;
        if (_allowPrivate) return null;
        IPAddress[] addresses;
        try
        {
            addresses = await AddressesAsync(uri.IdnHost, ct);
        }
        catch (SocketException e)
        {
            return $"The host '{uri.Host}' does not resolve ({e.SocketErrorCode}).";
        }
        if (addresses.Length == 0) return $"The host '{uri.Host}' does not resolve.";
        // A name with any forbidden address is refused outright: which one a connection gets is not ours to choose.
        return addresses.Select(Refusal).FirstOrDefault(r => r is not null) is { } reason
            ? $"'{uri.Host}' is refused: {reason}. Webhooks may only reach public addresses."
            : null;
    }

    /// <summary>The URL rules, which hold even with <c>AllowPrivateTargets</c>: absolute, http or https, no user
    /// info (credentials in a URL end up in logs), at most 2,000 characters.</summary>
    public static string? UrlRefusal(string? url, out Uri uri)
    {
        uri = null!;
        if (string.IsNullOrWhiteSpace(url)) return "url is required.";
        if (url.Length > 2000) return "url must be at most 2000 characters.";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
            return "url must be an absolute http or https URL.";
        if (parsed.UserInfo.Length > 0) return "url must not carry user info (user:password@); authenticate with the signature instead.";
        if (parsed.Fragment.Length > 0) return "url must not have a fragment.";
        uri = parsed;
        return null;
    }

    /// <summary>The dispatcher's <see cref="SocketsHttpHandler.ConnectCallback"/> (HTTP/1.1 and 2 only: HTTP/3 would
    /// connect over QUIC without it, so the webhook client must never ask for version 3): connects only to an address
    /// <see cref="Refusal"/> allows (any, with AllowPrivateTargets), resolved now.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var endpoint = context.DnsEndPoint;
        var addresses = await AddressesAsync(endpoint.Host, ct);
        var allowed = _allowPrivate ? addresses : [.. addresses.Where(a => Refusal(a) is null)];
        if (allowed.Length == 0)
        {
            var why = addresses.Length == 0 ? "it does not resolve" : Refusal(addresses[0]);
            throw new WebhookTargetRefusedException($"Not connecting to '{endpoint.Host}': {why}.");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task<IPAddress[]> AddressesAsync(string host, CancellationToken ct)
    {
        var bare = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        return IPAddress.TryParse(bare, out var literal) ? [literal] : await resolver.ResolveAsync(bare, ct);
    }
}

public sealed class WebhookTargetRefusedException(string message) : Exception(message);
