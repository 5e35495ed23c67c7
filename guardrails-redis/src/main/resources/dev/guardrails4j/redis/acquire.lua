-- Guardrails4j: check and take every limit rule of one call, atomically, in one round trip.
-- KEYS[i]   the counter of rule i (all with one hash tag: one Redis Cluster slot)
-- ARGV[1]   now in milliseconds since the epoch, or '' to use the server's clock (TIME): one
--           clock for all replicas
-- ARGV[2]   tokens to reserve against token budgets
-- ARGV[3]   the lease id for concurrency slots
-- ARGV[4]   the lease time to live in milliseconds
-- ARGV[5+4(i-1) .. 8+4(i-1)]  rule i: kind ('r' requests, 't' tokens, 'c' concurrent), amount,
--           period in milliseconds (0 for concurrent), '1' when the rule is in monitor mode
-- Returns {now, blocked, then per rule: exceeded (0/1), retry after ms (-1 unknown), reserved}
if redis.replicate_commands then pcall(redis.replicate_commands) end
local now
if ARGV[1] == '' then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
else
  now = tonumber(ARGV[1])
end
local want = tonumber(ARGV[2])
local lease = ARGV[3]
local leaseTtl = tonumber(ARGV[4])
local n = #KEYS
local exceeded, retry, balances, held, starts, counts = {}, {}, {}, {}, {}, {}
local blocked = 0

-- 1. check every rule, so that every exceeded rule is reported
for i = 1, n do
  local a = 4 + (i - 1) * 4
  local kind, amount, period, monitor = ARGV[a + 1], tonumber(ARGV[a + 2]), tonumber(ARGV[a + 3]), ARGV[a + 4] == '1'
  local key = KEYS[i]
  exceeded[i], retry[i] = 0, -1
  if kind == 'r' then
    -- a fixed cycle of one period from the first request counted in it
    local h = redis.call('HMGET', key, 'c', 's')
    local count, start = tonumber(h[1]), tonumber(h[2])
    if count == nil or start == nil or now >= start + period then
      count, start = 0, now
    end
    starts[i], counts[i] = start, count
    if count >= amount then
      exceeded[i] = 1
      retry[i] = start + period - now
    end
  elseif kind == 't' then
    local h = redis.call('HMGET', key, 'b', 'ts')
    local balance, ts = tonumber(h[1]), tonumber(h[2])
    if balance == nil or ts == nil then
      balance, ts = amount, now
    elseif now > ts then
      balance = math.min(amount, balance + (now - ts) * amount / period)
    end
    balances[i] = balance
    if balance < want then
      exceeded[i] = 1
      if want <= amount then retry[i] = math.ceil((want - balance) * period / amount) end
    end
  else
    redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
    held[i] = redis.call('ZCARD', key)
    if held[i] >= amount then exceeded[i] = 1 end
  end
  if exceeded[i] == 1 and not monitor then blocked = 1 end
end

-- 2. take what the call needs, unless an enforced rule refused: then nothing is taken
local out = {now, blocked}
for i = 1, n do
  local a = 4 + (i - 1) * 4
  local kind, amount, period = ARGV[a + 1], tonumber(ARGV[a + 2]), tonumber(ARGV[a + 3])
  local key = KEYS[i]
  local reserved = 0
  if blocked == 0 then
    if kind == 'r' then
      if counts[i] == 0 then
        redis.call('HSET', key, 'c', 1, 's', starts[i])
      else
        redis.call('HINCRBY', key, 'c', 1)
      end
      redis.call('PEXPIRE', key, starts[i] + period - now)
    elseif kind == 't' then
      reserved = math.min(want, math.floor(balances[i]))
      redis.call('HSET', key, 'b', tostring(balances[i] - reserved), 'ts', now)
      redis.call('PEXPIRE', key, period)
    else
      if held[i] < amount then
        redis.call('ZADD', key, now + leaseTtl, lease)
        reserved = 1
      end
      redis.call('PEXPIRE', key, leaseTtl)
    end
  end
  out[#out + 1] = exceeded[i]
  out[#out + 1] = retry[i]
  out[#out + 1] = reserved
end
return out
