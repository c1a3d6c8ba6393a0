-- wrk script of bench/load.py: cycles over the request paths listed in a file (one per line; each
-- thread starts at its own offset), counts the replies by status class and prints one JSON line.
--
--   wrk -c 32 -d 10s -s bench/load.lua http://127.0.0.1:8000 -- paths.txt [expected-status]
--
-- The headers given with -H (cookies, language, forwarded protocol) go with every request.

local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if #line > 0 then
      table.insert(paths, line)
    end
  end
  expected = tonumber(args[2] or "200")
  counter = (id * 7919) % #paths
  good = 0
  other = 0
  other_status = 0
end

function request()
  counter = counter % #paths + 1
  return wrk.format(nil, paths[counter])
end

function response(status, headers, body)
  if status == expected then
    good = good + 1
  else
    other = other + 1
    other_status = status
  end
end

function done(summary, latency, requests)
  local good_total, other_total, last_other = 0, 0, 0
  for _, thread in ipairs(threads) do
    good_total = good_total + thread:get("good")
    other_total = other_total + thread:get("other")
    if thread:get("other_status") ~= 0 then
      last_other = thread:get("other_status")
    end
  end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "expected": %d, "unexpected": %d, ' ..
    '"unexpected_status": %d, "socket_errors": %d, "timeouts": %d, ' ..
    '"p50_us": %d, "p90_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration, summary.bytes, good_total, other_total, last_other,
    e.connect + e.read + e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99),
    latency.max, latency.mean))
end
