/**
 * The Redis store's scripts. Each store method that writes is one script, so it runs as one atomic
 * step on the server (Redis runs a script to its end before any other command): replicas sharing a
 * Redis cannot interleave inside it, and a replica that dies mid-request leaves nothing half done.
 *
 * Keys are built from ARGV (standalone Redis or a replica set; not Redis Cluster):
 *
 *   PREFIX sessions        zset  session -> stamp of its last write (least recently used first)
 *   PREFIX plain           zset  sessions that hold only a journal and sequences (forgotten first)
 *   PREFIX users           zset  len:session+userId -> stamp of its last write (for --max-users)
 *   PREFIX tickets         zset  ticketId -> stamp (for --max-tickets)
 *   PREFIX owners          hash  ticketId -> session (ticket ids are unique across the store)
 *   PREFIX stamp           counter that orders the zsets above
 *   PREFIX s:SESSION:PART  the session's own data, PART one of SESSION_PARTS
 *
 * Every key carries a TTL (the session TTL), refreshed by each write to the session: a session
 * nobody writes to for that long leaves Redis on its own, and the shared keys once no session is left.
 */

export const SESSION_PARTS = [
  'meta', // hash: ticket and scenario numbers, 'rich' once it holds more than a journal
  'users', // hash userId -> user JSON
  'deleted', // set of deleted user ids
  'tickets', // hash ticketId -> ticket JSON
  'order', // list of ticket ids, oldest first
  'pending', // hash userId\0factor -> id of the newest pending ticket
  'emails', // list of email JSON, oldest first
  'journal', // list of journal record JSON, oldest first
  'scn', // hash scenario id -> the scenario's fixed fields as JSON
  'fired', // hash scenario id -> how often it fired
  'left', // hash scenario id -> uses left (absent: no limit)
  'seq', // hash counter -> last number given
] as const;

/**
 * Shared by every script. ARGV[1] is the key prefix, ARGV[2] the session, ARGV[3] the session TTL
 * in ms and ARGV[4] the most sessions kept; each script's own arguments follow.
 */
export const PRELUDE = `
local P = ARGV[1]
local SESSION = ARGV[2]
local TTL = tonumber(ARGV[3])
local MAX_SESSIONS = tonumber(ARGV[4])
local PARTS = {${SESSION_PARTS.map((p) => `'${p}'`).join(', ')}}
local GLOBALS = {'sessions', 'plain', 'users', 'tickets', 'owners', 'deadline'}
local function skey(session, part) return P .. 's:' .. session .. ':' .. part end
local function K(part) return skey(SESSION, part) end
-- Redis's clock, read once per script: the zsets order by it (microseconds), expiry deadlines use it.
local T = nil
local stamps = 0
local function clock()
  if not T then T = redis.call('TIME') end
  return T
end
local function stamp()
  stamps = stamps + 1
  return tonumber(clock()[1]) * 1000000 + tonumber(clock()[2]) + stamps
end
local function member(session, id) return #session .. ':' .. session .. id end
local function split(m)
  local colon = string.find(m, ':', 1, true)
  local n = tonumber(string.sub(m, 1, colon - 1))
  return string.sub(m, colon + 1, colon + n), string.sub(m, colon + n + 1)
end
local function pendingKey(ticket)
  local factor = ticket.factor
  if factor == nil or factor == cjson.null then factor = '' end
  return ticket.userId .. '\\0' .. factor
end
local function isLive(ticket, now)
  return ticket.status == 'pending' and now < tonumber(ticket.expiresAt)
end

local function forget(session)
  local owners = P .. 'owners'
  for _, id in ipairs(redis.call('HKEYS', skey(session, 'tickets'))) do
    if redis.call('HGET', owners, id) == session then
      redis.call('HDEL', owners, id)
      redis.call('ZREM', P .. 'tickets', id)
    end
  end
  for _, u in ipairs(redis.call('HKEYS', skey(session, 'users'))) do
    redis.call('ZREM', P .. 'users', member(session, u))
  end
  for _, u in ipairs(redis.call('SMEMBERS', skey(session, 'deleted'))) do
    redis.call('ZREM', P .. 'users', member(session, u))
  end
  for _, part in ipairs(PARTS) do redis.call('DEL', skey(session, part)) end
  redis.call('ZREM', P .. 'sessions', session)
  redis.call('ZREM', P .. 'plain', session)
end

local function oldestOtherThan(zset)
  for _, s in ipairs(redis.call('ZRANGE', P .. zset, 0, 1)) do
    if s ~= SESSION then return s end
  end
  return nil
end

local function nowMs()
  return tonumber(clock()[1]) * 1000 + math.floor(tonumber(clock()[2]) / 1000)
end

-- All keys of a session expire at one deadline (PEXPIREAT), so a session leaves Redis whole. Each
-- write moves the deadline to TTL from now, but rewrites every key's expiry only once the deadline
-- has come closer by a twentieth of the TTL: otherwise only the keys this script wrote (which may be
-- new) get it. A session nobody writes to leaves between 95% and 100% of the TTL after its last write.
-- The shared keys work the same way, with their deadline in PREFIX deadline.
local function expireAll(now, deadline, setDeadline, keys, written)
  if deadline - now < TTL * 0.95 then
    deadline = now + TTL
    setDeadline(deadline)
    for _, key in ipairs(keys()) do redis.call('PEXPIREAT', key, deadline) end
  else
    for _, key in ipairs(written) do redis.call('PEXPIREAT', key, deadline) end
  end
end

local function sessionKeys()
  local keys = {}
  for _, part in ipairs(PARTS) do keys[#keys + 1] = K(part) end
  return keys
end

local function globalKeys()
  local keys = {}
  for _, name in ipairs(GLOBALS) do keys[#keys + 1] = P .. name end
  return keys
end

-- Marks the session as just used (rich: it now holds state, not only a journal), forgets the least
-- valuable session beyond MAX_SESSIONS, and sets the expiry of what the script wrote: the parts of
-- the session named in 'parts', the shared keys named in 'shared'. Called last, after the writes,
-- so that a key the script created gets its TTL too.
local function touch(rich, parts, shared)
  local s = stamp()
  local meta = K('meta')
  local sharedWritten = {P .. 'sessions'}
  local added = redis.call('ZADD', P .. 'sessions', s, SESSION)
  local deadline, isRich = unpack(redis.call('HMGET', meta, 'deadline', 'rich'))
  if rich then
    if not isRich then
      redis.call('HSET', meta, 'rich', '1')
      redis.call('ZREM', P .. 'plain', SESSION)
    end
  elseif not isRich then
    redis.call('ZADD', P .. 'plain', s, SESSION)
    sharedWritten[#sharedWritten + 1] = P .. 'plain'
  end
  if added == 1 and redis.call('ZCARD', P .. 'sessions') > MAX_SESSIONS then
    local victim = oldestOtherThan('plain') or oldestOtherThan('sessions')
    if victim then forget(victim) end
  end
  local now = nowMs()
  local written = {meta}
  for _, part in ipairs(parts or {}) do written[#written + 1] = K(part) end
  -- The deadline field is written before the expiries: it may be what creates the key.
  expireAll(now, tonumber(deadline or '0'), function(d) redis.call('HSET', meta, 'deadline', d) end, sessionKeys, written)
  for _, name in ipairs(shared or {}) do sharedWritten[#sharedWritten + 1] = P .. name end
  local deadlineKey = P .. 'deadline'
  expireAll(now, tonumber(redis.call('GET', deadlineKey) or '0'),
    function(d) redis.call('SET', deadlineKey, d, 'PXAT', d) end, globalKeys, sharedWritten)
end

-- Records a write of a user (or its deletion marker) for --max-users; evicts the oldest beyond it.
local function putUserSlot(userId, maxUsers)
  redis.call('ZADD', P .. 'users', stamp(), member(SESSION, userId))
  while redis.call('ZCARD', P .. 'users') > maxUsers do
    local oldest = redis.call('ZPOPMIN', P .. 'users')[1]
    local session, id = split(oldest)
    redis.call('HDEL', skey(session, 'users'), id)
    redis.call('SREM', skey(session, 'deleted'), id)
  end
end

-- Evicts the oldest tickets of the store beyond maxTickets, with their place in their session.
local function evictTickets(maxTickets)
  while redis.call('ZCARD', P .. 'tickets') > maxTickets do
    local id = redis.call('ZPOPMIN', P .. 'tickets')[1]
    local owner = redis.call('HGET', P .. 'owners', id)
    redis.call('HDEL', P .. 'owners', id)
    if owner then
      local raw = redis.call('HGET', skey(owner, 'tickets'), id)
      if raw then
        local key = pendingKey(cjson.decode(raw))
        if redis.call('HGET', skey(owner, 'pending'), key) == id then redis.call('HDEL', skey(owner, 'pending'), key) end
        redis.call('HDEL', skey(owner, 'tickets'), id)
        redis.call('LREM', skey(owner, 'order'), 1, id)
      end
    end
  end
end
`;
