-- Guardrails4j: end one call: release its concurrency leases, correct its token budgets.
-- KEYS[i]   the counter of held rule i
-- ARGV[1]   now in milliseconds, or '' to use the server's clock (TIME)
-- ARGV[2]   the call's lease id
-- ARGV[3+4(i-1) .. 6+4(i-1)]  rule i: kind ('t' or 'c'), amount, period in milliseconds, and for a
--           token budget the correction: tokens to charge (> 0) or to give back (< 0)
-- A counter that has expired meanwhile is full again: giving back changes nothing, a charge starts
-- from a full budget. A budget stays between zero and its amount. Returns the number of rules.
if redis.replicate_commands then pcall(redis.replicate_commands) end
local now
if ARGV[1] == '' then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
else
  now = tonumber(ARGV[1])
end
local lease = ARGV[2]
for i = 1, #KEYS do
  local a = 2 + (i - 1) * 4
  local kind, amount, period, delta = ARGV[a + 1], tonumber(ARGV[a + 2]), tonumber(ARGV[a + 3]), tonumber(ARGV[a + 4])
  local key = KEYS[i]
  if kind == 'c' then
    redis.call('ZREM', key, lease)
  elseif delta ~= 0 then
    local h = redis.call('HMGET', key, 'b', 'ts')
    local balance, ts = tonumber(h[1]), tonumber(h[2])
    if balance == nil or ts == nil then
      balance, ts = amount, now
    elseif now > ts then
      balance = math.min(amount, balance + (now - ts) * amount / period)
    end
    balance = math.max(0, math.min(amount, balance - delta))
    redis.call('HSET', key, 'b', tostring(balance), 'ts', math.max(now, ts))
    redis.call('PEXPIRE', key, period)
  end
end
return #KEYS
