-- wrk script for `make bench`: an optional form post, and one parseable result line.
-- BENCH_BODY, BENCH_COOKIE and BENCH_REFERER (set by bench/run.py) turn the run into posts;
-- BENCH_PATHS (comma-separated) makes each connection take the paths in turn; BENCH_HEADERS
-- ("Name: value" lines) adds headers, such as the readership beacon's browser headers.
local body = os.getenv("BENCH_BODY")
if body and body ~= "" then
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")
  wrk.headers["Referer"] = os.getenv("BENCH_REFERER")
end
for name, value in string.gmatch(os.getenv("BENCH_HEADERS") or "", "([^:\n]+):%s*([^\n]*)") do
  wrk.headers[name] = value
end

local paths = {}
for path in string.gmatch(os.getenv("BENCH_PATHS") or "", "[^,]+") do
  table.insert(paths, path)
end
local counter = 0
if #paths > 0 then
  request = function()
    counter = counter + 1
    return wrk.format(nil, paths[(counter % #paths) + 1])
  end
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("RESULT rps=%.1f p50=%.1f p95=%.1f p99=%.1f max=%.1f errors=%d requests=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    errors.connect + errors.read + errors.write + errors.status + errors.timeout, summary.requests))
end
