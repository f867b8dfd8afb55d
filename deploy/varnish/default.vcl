vcl 4.1;

# Varnish 7.1 (Debian 12: apt-get install varnish varnish-modules) in front of NewsApi.
# What it keeps and for how long is the service's call: it caches what the service marks `public`, for the
# Cache-Control max-age, with stale-while-revalidate as grace, and indexes each answer by its Surrogate-Key so
# the service can purge exactly what a write touched (Cache:PurgeUrls, README "Varnish tier").
#
#   varnishd -a 127.0.0.1:6081 -f /path/to/default.vcl -n /tmp/newsapi-varnish -s malloc,256m \
#            -p http_resp_hdr_len=32k -p http_resp_size=64k
#
# (The -p settings: an article's Surrogate-Key names its tags percent-encoded, up to ~18 KB with twenty long
# Devanagari tags, past the default 8 KB response header.)
#
# The backend is the service's address: edit its .host and .port below (the CI test rewrites .port the same way).

import std;
# Both from varnish-modules: xkey indexes answers by key; var holds the time of the last purge (vcl_hit).
import var;
import xkey;

backend newsapi {
    .host = "127.0.0.1";
    .port = "8080";
    # Health decides what a purged answer does: refetched while the service answers, served stale (for its
    # grace) while it does not.
    .probe = {
        .url = "/health/live";
        .interval = 2s;
        .timeout = 1s;
        .window = 3;
        .threshold = 2;
        # Healthy from the start, so the first requests are not refused before the first probe.
        .initial = 2;
    }
}

# Who may purge: the service's hosts. Add the app servers' addresses when they are not local.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        # Space-separated keys, as the service sends them (xkey-purge) or as xkey's own examples do (xkey).
        if (req.http.xkey-purge) {
            set req.http.n-gone = xkey.softpurge(req.http.xkey-purge);
        } elsif (req.http.xkey) {
            set req.http.n-gone = xkey.softpurge(req.http.xkey);
        } else {
            return (synth(400, "Name the keys to purge in an xkey-purge header"));
        }
        # softpurge expires what it finds but skips answers that were already stale; vcl_hit compares an
        # answer's age with this moment so neither kind is served after the purge (see vcl_hit).
        var.global_set("purged-at", "" + std.real(time = now));
        return (synth(200, "Invalidated " + req.http.n-gone + " objects"));
    }
    if (req.restarts == 0) {
        unset req.http.x-purged-refetch;
    } elsif (req.http.x-purged-refetch) {
        # Restarted by vcl_hit: wait for a fresh copy rather than take the purged one.
        set req.grace = 0s;
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # A key may see what the public does not (ContentApi:RequireKey, previews): never shared.
    if (req.http.Authorization || req.http.X-Api-Key) {
        return (pass);
    }
    # The service sets and reads no cookies; a site's cookies must not turn every reader into a miss.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_hit {
    # A stale answer is normally served while a fresh one is fetched (stale-while-revalidate). One that was
    # fetched before the last purge is different: its content changed, so while the service is healthy the
    # request waits for the new copy; only a sick service gets the purged copy served (for its grace). The
    # purge time is global rather than per key, which can only make an already stale answer wait, never
    # serve one a purge named.
    if (obj.ttl <= 0s && !req.http.x-purged-refetch && std.healthy(req.backend_hint)
        && std.real(time = now) - std.real(duration = obj.age) < std.real(var.global_get("purged-at"), 0)) {
        set req.http.x-purged-refetch = "1";
        return (restart);
    }
}

sub vcl_backend_fetch {
    unset bereq.http.x-purged-refetch;
}

sub vcl_backend_response {
    # xkey indexes objects by the `xkey` response header; the service names them in Surrogate-Key (what
    # Fastly and other CDNs read), space-separated, which xkey accepts as is.
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    # Only answers the service marks public are shared. A 404 or a 401 carries no Cache-Control, and
    # Varnish's default would keep it for 120 s, so a story published a moment later would stay missing.
    # (TTL 0 makes the built-in VCL remember it as hit-for-miss: later requests go straight to the service.)
    if (beresp.http.Cache-Control !~ "(?i)(^|[ ,])public([ ,]|$)") {
        set beresp.ttl = 0s;
    }
    # Varnish 7.1 already turns max-age into beresp.ttl and stale-while-revalidate into beresp.grace
    # (varnishlog: "TTL RFC 60 600"); a purge keeps the object for that grace too.
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # Age stays (Varnish sets it): a downstream cache counts max-age from it. xkey is ours alone.
    unset resp.http.xkey;
}
