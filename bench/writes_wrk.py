"""The wrk scripts of bench/writes.py: one client per request in turn, a unique marker in every
message, acknowledged markers logged per wrk thread, and the summary written as JSON."""

LUA_COMMON = r"""
local threads = {}
local counter = 0
function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end
function init(args)
  ok, other, failed, n = 0, 0, 0, 0
  log = io.open(LOGDIR .. "/acked-" .. tid .. ".txt", "w")
  codes = {}
end
function pick()
  n = n + 1
  local i = ((tid - 1) + (n - 1) * NTHREADS) % #CLIENTS + 1
  return CLIENTS[i], "wrk-" .. RUN .. "-" .. tid .. "-" .. n
end
function done(summary, latency, requests)
  local ok_total, other_total = 0, 0
  for _, t in ipairs(threads) do
    ok_total = ok_total + t:get("ok")
    other_total = other_total + t:get("other")
  end
  local out = io.open(LOGDIR .. "/summary.json", "w")
  out:write(string.format(
    '{"requests": %d, "duration_us": %d, "ok": %d, "other": %d, "connect_errors": %d, "read_errors": %d, '
    .. '"write_errors": %d, "status_errors": %d, "timeouts": %d, "p50_ms": %.2f, "p95_ms": %.2f, '
    .. '"p99_ms": %.2f, "max_ms": %.2f}',
    summary.requests, summary.duration, ok_total, other_total, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
  out:close()
end
"""

LUA_PAGE = r"""
function request()
  local c, marker = pick()
  local body = "csrfmiddlewaretoken=" .. c.csrf .. "&body=" .. marker
  return wrk.format("POST", c.path, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "sessionid=" .. c.session .. "; csrftoken=" .. c.csrf,
  }, body)
end
function response(status, headers, body)
  local location = headers["Location"] or headers["location"] or ""
  if status == 302 and string.find(location, "/deals/inquiry/", 1, true) then
    ok = ok + 1
  else
    other = other + 1
    if other < 5 then io.stderr:write("unexpected " .. status .. " " .. location .. "\n") end
  end
end
"""

LUA_API = r"""
function request()
  local c, marker = pick()
  return wrk.format("POST", c.path, {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. c.token,
  }, '{"body": "' .. marker .. '"}')
end
function response(status, headers, body)
  if status == 201 then
    ok = ok + 1
    local marker = string.match(body, '"body": ?"(wrk%-[%w%-]+)"')
    log:write((marker or "?") .. "\n")
    log:flush()
  else
    other = other + 1
    if other < 5 then io.stderr:write("unexpected " .. status .. " " .. string.sub(body, 1, 200) .. "\n") end
  end
end
"""

LUA_GET = r"""
function response(status, headers, body)
  if status < 400 then ok = ok + 1 else other = other + 1 end
end
"""
