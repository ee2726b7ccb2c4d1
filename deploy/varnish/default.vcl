vcl 4.1;
# Reference Varnish configuration for the practice site (Varnish 7).
#
# Keeps only what the app itself marks shareable: a 200, 301 or 404 of an anonymous GET/HEAD with
# the app's `Cache-Control: public, …, s-maxage=N`, for N seconds, under its Host, scheme and URL.
# Everything else (errors, an outage's 500, responses without s-maxage, private/no-store/no-cache,
# search, the forms, the admin, calendar feeds, anyone signed in, POSTs) goes to the app every time.
# X-Forwarded-Proto is believed only from the TLS terminator (acl tls_terminators); anyone
# else's is replaced with "http". PURGE is accepted only from the app hosts (acl purgers), which
# send `PURGE /*` (everything) when content changes, if FRONTEND_CACHE_PURGE_URL points here.
# Set the backend and the acls to your hosts; the tests rewrite the port.

import std;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 5s;
    .first_byte_timeout = 60s;
}

acl purgers {
    "127.0.0.1";
    "::1";
}

# The TLS terminator in front of Varnish (nginx, haproxy, a load balancer), which sets
# X-Forwarded-Proto on every request it forwards. Nobody else may say a request came over HTTPS.
acl tls_terminators {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    # The peer that sent this request (remote.ip, not client.ip, which the PROXY protocol may
    # set to the visitor's address) says which scheme the visitor used; only the terminator.
    if (remote.ip ~ tls_terminators && req.http.X-Forwarded-Proto == "https") {
        set req.http.X-Forwarded-Proto = "https";
    } else {
        set req.http.X-Forwarded-Proto = "http";
    }
    if (req.http.Host) {
        set req.http.Host = std.tolower(req.http.Host);
    }

    if (req.method == "PURGE") {
        if (!client.ip ~ purgers) {
            return (synth(403, "Forbidden"));
        }
        # "/*" is everything: the app sends it when content changes, as its own page cache
        # then makes every page stale at once (siteplatform/frontend_cache.py).
        if (req.url == "/*") {
            ban("obj.status != 0");
            return (synth(200, "Purged everything"));
        }
        # One address under every Host and scheme (one site per cache), for a purge by hand.
        ban("obj.http.X-Url == " + req.url);
        return (synth(200, "Purged"));
    }

    # Paths the app would read differently from us: gunicorn decodes %2f, %2e, %6d… before
    # Django routes, so an encoded ASCII character in the first segment ("/%6dedia/documents/…",
    # "/media%2fdocuments/…") or an encoded dot, slash or backslash anywhere could reach what
    # the rules below keep out. The site's own addresses never contain them.
    if (req.url ~ "^/[^/?]*%[0-7]" || req.url ~ "^[^?]*(%2[eEfF]|%5[cC]|\\)" || req.url ~ "^//") {
        return (synth(404, "Not Found"));
    }
    # Media serves what it says: an image or a rendition file by its plain name, nothing else.
    # Documents are never served from /media/: /documents/<id>/<name> checks collection privacy.
    if (req.url ~ "^/media(/|$)"
        && (req.url !~ "^/media/(original_images|images)/[^/?]+(\?|$)" || req.url ~ "^[^?]*\.\.")) {
        return (synth(404, "Not Found"));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Staff, the forms (per-visitor CSRF tokens) and search (what someone looked for) in every
    # language (/contact/, /ko/search/), previews, documents behind collection privacy, health,
    # and each host's private calendar feed (/calendar/<token>.ics: who has calls when).
    if (req.url ~ "^/(admin|documents|_util|healthz|calendar)(/|\?|$)"
        || req.url ~ "^/([a-z]{2,3}(-[a-z0-9]+)?/)?(contact|search)(/|\?|$)"
        || req.http.Authorization) {
        return (pass);
    }
    # Anyone signed in always gets a fresh page.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Anonymous pages do not depend on cookies (a csrftoken left by a form, for example).
    unset req.http.Cookie;
    # Campaign parameters do not change the page: one entry for all of them.
    if (req.url ~ "[?&](utm_[a-z]+|fbclid|gclid|mc_[a-z]+)=") {
        set req.url = regsuball(req.url, "(utm_[a-z]+|fbclid|gclid|mc_[a-z]+)=[^&]*&?", "");
        set req.url = regsub(req.url, "[?&]+$", "");
    }
    return (hash);
}

sub vcl_hash {
    # An answer belongs to the address it was asked for: a Host Django refuses, or plain HTTP
    # (which the site redirects to HTTPS), never shares an entry with the page.
    hash_data(req.url);
    if (req.http.Host) {
        hash_data(req.http.Host);
    } else {
        hash_data(server.ip);
    }
    hash_data(req.http.X-Forwarded-Proto);
    return (lookup);
}

sub vcl_backend_response {
    # Keep only what the app marks shareable; s-maxage is its own mark (the page cache sets it),
    # and Varnish takes the lifetime from it. Anything else is fetched afresh for every visitor
    # (hit-for-miss: a later shareable answer is stored again at once).
    if ((beresp.status != 200 && beresp.status != 301 && beresp.status != 404)
        || beresp.http.Set-Cookie
        || beresp.http.Vary == "*"
        || beresp.http.Cache-Control !~ "(^|[,\s])s-maxage=[1-9]"
        || beresp.http.Cache-Control ~ "(^|[,\s])(private|no-store|no-cache)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 10s;
        return (deliver);
    }
    # What a PURGE bans on (not sent to visitors).
    set beresp.http.X-Url = bereq.url;
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.X-Url;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    return (deliver);
}
