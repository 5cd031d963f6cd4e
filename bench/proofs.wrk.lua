-- wrk script for bench/gateway.bench.mjs: GET an inclusion proof at a random index of a tree of
-- ELC_WRK_SIZE entries with the bearer token ELC_WRK_TOKEN; when done, prints one JSON line with
-- the request count, duration, latency percentiles (microseconds) and wrk's error counters.
local size = tonumber(os.getenv("ELC_WRK_SIZE"))
local token = os.getenv("ELC_WRK_TOKEN")
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/v1/log/proof/inclusion?index=" .. math.random(0, size - 1) .. "&size=" .. size, { ["authorization"] = "Bearer " .. token })
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"connectErrors":%d,"readErrors":%d,"writeErrors":%d,"statusErrors":%d,"timeouts":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), e.connect, e.read, e.write, e.status, e.timeout))
end
