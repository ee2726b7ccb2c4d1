vcl 4.1;
# Reference Varnish configuration for the practice site (Varnish 7).
#
# Keeps anonymous GET/HEAD responses of public pages; passes the admin, the forms, POSTs and
# anyone signed in; accepts PURGE only from the app hosts (acl purgers), which Wagtail's
# frontend cache sends on publish when FRONTEND_CACHE_PURGE_URL points here.
# Set the backend (and the acl) to your app hosts; the tests rewrite the port.

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

sub vcl_recv {
    if (req.method == "PURGE") {
        if (!client.ip ~ purgers) {
            return (synth(403, "Forbidden"));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Staff, the forms (per-visitor CSRF tokens) in every language (/contact/, /ko/contact/),
    # previews and documents behind collection privacy.
    if (req.url ~ "^/(admin|documents)(/|$)" || req.url ~ "^/([a-z]{2,3}(-[a-z0-9]+)?/)?contact(/|$)"
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
    # One site per cache: the URL alone names the page, whatever Host a purge or a visitor sends.
    hash_data(req.url);
    return (lookup);
}

sub vcl_backend_response {
    # Never keep a response that sets a cookie or says it is personal.
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(private|no-store|no-cache)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # Without an explicit lifetime, keep pages for a while: publishing purges them.
    if (!beresp.http.Cache-Control ~ "(s-maxage|max-age)") {
        set beresp.ttl = 10m;
    }
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    return (deliver);
}
