-- wrk script for `make bench`: an optional form post, and one parseable result line.
-- BENCH_BODY, BENCH_COOKIE and BENCH_REFERER (set by bench/run.py) turn the run into posts;
-- BENCH_PATHS (comma-separated) makes each connection take the paths in turn; BENCH_HEADERS
-- ("Name: value" lines) adds headers, such as the readership beacon's browser headers.
-- BENCH_EACH ("name=value1,value2,...") gives every post a value of its own, appended to
-- BENCH_BODY as name=value: the values are dealt to the threads in turn and each is posted once,
-- so every booking post asks for a time still free (bench/booking_bench.py). Posts past the end
-- of the list repeat values, which the site refuses: they show as errors, never as bookings.
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
local each_name, each_list = string.match(os.getenv("BENCH_EACH") or "", "^([^=]+)=(.*)$")
local each = {}
for value in string.gmatch(each_list or "", "[^,]+") do
  table.insert(each, value)
end

-- Each thread learns its number and how many there are (set again on every thread as each joins).
local threads = {}
setup = function(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads - 1)
  for _, started in ipairs(threads) do
    started:set("thread_count", #threads)
  end
end

if #each > 0 then
  request = function()
    local index = (thread_number + counter * thread_count) % #each + 1
    counter = counter + 1
    return wrk.format(nil, nil, nil, body .. "&" .. each_name .. "=" .. each[index])
  end
elseif #paths > 0 then
  request = function()
    counter = counter + 1
    return wrk.format(nil, paths[(counter % #paths) + 1])
  end
end

done = function(summary, latency, requests)
  local errors = summary.errors
  -- errors: refused (HTTP status 400 or more) and socket errors and timeouts, counted together.
  io.write(string.format("RESULT rps=%.1f p50=%.1f p95=%.1f p99=%.1f max=%.1f errors=%d requests=%d refused=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    errors.connect + errors.read + errors.write + errors.status + errors.timeout, summary.requests,
    errors.status))
end
