-- wrk script for `make bench`: an optional form post, and one parseable result line.
-- BENCH_BODY, BENCH_COOKIE and BENCH_REFERER (set by bench/run.py) turn the run into posts.
local body = os.getenv("BENCH_BODY")
if body and body ~= "" then
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")
  wrk.headers["Referer"] = os.getenv("BENCH_REFERER")
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("RESULT rps=%.1f p50=%.1f p95=%.1f errors=%d requests=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(95) / 1000,
    errors.connect + errors.read + errors.write + errors.status + errors.timeout, summary.requests))
end
