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
const PRELUDE = `
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

/** ARGV[5..]: userId, the new user's JSON ('' to only look). Returns {'deleted'}, {'absent'} or {'user', json}. */
const ENSURE_USER = `
local userId, json, maxUsers = ARGV[5], ARGV[6], tonumber(ARGV[7])
if redis.call('SISMEMBER', K('deleted'), userId) == 1 then touch(false) return {'deleted'} end
local existing = redis.call('HGET', K('users'), userId)
if existing then touch(false) return {'user', existing} end
if json == '' then return {'absent'} end
redis.call('HSET', K('users'), userId, json)
putUserSlot(userId, maxUsers)
touch(true, {'users'}, {'users'})
return {'user', json}
`;

/** ARGV[5..]: userId, maxUsers. Returns 1 when a live user was deleted. */
const DELETE_USER = `
local userId, maxUsers = ARGV[5], tonumber(ARGV[6])
local existed = redis.call('HDEL', K('users'), userId)
redis.call('SADD', K('deleted'), userId)
putUserSlot(userId, maxUsers)
touch(true, {'deleted'}, {'users'})
return existed
`;

/** ARGV[5..]: hash part, field. The next number of a counter of the session. */
const SEQUENCE = `
local n = redis.call('HINCRBY', K(ARGV[5]), ARGV[6], 1)
touch(false, {ARGV[5]})
return n
`;

/**
 * ARGV[5..]: the ticket's number, ticketId, ticket JSON, its pending key, now, maxTickets, email JSON
 * ('' for none), maxEmails. The number must be the session's next one: otherwise the reply is
 * {'renumber', last number given}, and the caller makes the ticket again with the next. (One round
 * trip where the number is known, as it is to a replica that issued the session's last ticket.)
 * Returns {'taken'} when the id is another live ticket's, else {'issued', superseded ids...}.
 */
const ISSUE_TICKET = `
local n, id, json, key, now = tonumber(ARGV[5]), ARGV[6], ARGV[7], ARGV[8], tonumber(ARGV[9])
local maxTickets, email, maxEmails = tonumber(ARGV[10]), ARGV[11], tonumber(ARGV[12])
local last = tonumber(redis.call('HGET', K('meta'), 'ticketNumber') or '0')
if n ~= last + 1 then return {'renumber', tostring(last)} end
redis.call('HSET', K('meta'), 'ticketNumber', n)
local owner = redis.call('HGET', P .. 'owners', id)
if owner and redis.call('HEXISTS', skey(owner, 'tickets'), id) == 1 then
  touch(false)
  return {'taken'}
end
local result = {'issued'}
local previousId = redis.call('HGET', K('pending'), key)
if previousId then
  local raw = redis.call('HGET', K('tickets'), previousId)
  if raw then
    local previous = cjson.decode(raw)
    if isLive(previous, now) then
      previous.status = 'superseded'
      previous.supersededBy = id
      redis.call('HSET', K('tickets'), previousId, cjson.encode(previous))
      table.insert(result, previousId)
    end
  end
end
redis.call('HSET', K('pending'), key, id)
redis.call('HSET', K('tickets'), id, json)
redis.call('RPUSH', K('order'), id)
redis.call('HSET', P .. 'owners', id, SESSION)
redis.call('ZADD', P .. 'tickets', stamp(), id)
if email ~= '' then
  redis.call('RPUSH', K('emails'), email)
  redis.call('LTRIM', K('emails'), -maxEmails, -1)
end
evictTickets(maxTickets)
touch(true, {'pending', 'tickets', 'order', 'emails'}, {'owners', 'tickets'})
return result
`;

/** Oldest first, the tickets' JSON. */
const LIST_TICKETS = `
local ids = redis.call('LRANGE', K('order'), 0, -1)
local out = {}
for i = 1, #ids, 500 do
  local chunk = {}
  for j = i, math.min(i + 499, #ids) do chunk[#chunk + 1] = ids[j] end
  for _, raw in ipairs(redis.call('HMGET', K('tickets'), unpack(chunk))) do
    if raw then out[#out + 1] = raw end
  end
end
return out
`;

/** ARGV[5..]: ticketId, factor, now. Returns {'not-found'}, {'not-pending', json} or {'completed', json}. */
const COMPLETE_TICKET = `
local id, factor, now = ARGV[5], ARGV[6], tonumber(ARGV[7])
local raw = redis.call('HGET', K('tickets'), id)
if not raw then return {'not-found'} end
local ticket = cjson.decode(raw)
if not isLive(ticket, now) then return {'not-pending', raw} end
ticket.status = 'completed'
ticket.completedAt = now
ticket.enrolledFactor = factor
local json = cjson.encode(ticket)
redis.call('HSET', K('tickets'), id, json)
local key = pendingKey(ticket)
if redis.call('HGET', K('pending'), key) == id then redis.call('HDEL', K('pending'), key) end
local rawUser = redis.call('HGET', K('users'), ticket.userId)
if rawUser then
  local user = cjson.decode(rawUser)
  local factors = user.enrolledFactors
  if type(factors) ~= 'table' then factors = {} end
  local known = false
  for _, f in ipairs(factors) do if f == factor then known = true end end
  if not known then
    factors[#factors + 1] = factor
    user.enrolledFactors = factors
    redis.call('HSET', K('users'), ticket.userId, cjson.encode(user))
  end
end
touch(true)
return {'completed', json}
`;

/** ARGV[5..]: email JSON, maxEmails. */
const RECORD_EMAIL = `
redis.call('RPUSH', K('emails'), ARGV[5])
redis.call('LTRIM', K('emails'), -tonumber(ARGV[6]), -1)
touch(true, {'emails'})
return 1
`;

/** ARGV[5..]: journal size, then the records' JSON, oldest first. */
const RECORD_REQUESTS = `
for i = 6, #ARGV, 500 do
  redis.call('RPUSH', K('journal'), unpack(ARGV, i, math.min(i + 499, #ARGV)))
end
redis.call('LTRIM', K('journal'), -tonumber(ARGV[5]), -1)
touch(false, {'journal'})
return 1
`;

/**
 * ARGV[5..]: the scenario's JSON without its opening brace and id, times ('' for no limit), the most
 * scenarios a session holds. Returns {'limit'} or {'added', id}.
 */
const ADD_SCENARIO = `
local rest, times, max = ARGV[5], ARGV[6], tonumber(ARGV[7])
if redis.call('HLEN', K('scn')) >= max then return {'limit'} end
local id = 'scn_' .. redis.call('HINCRBY', K('meta'), 'scenarioNumber', 1)
redis.call('HSET', K('scn'), id, '{"id":"' .. id .. '",' .. rest)
redis.call('HSET', K('fired'), id, 0)
if times ~= '' then redis.call('HSET', K('left'), id, times) end
touch(true, {'scn', 'fired', 'left'})
return {'added', id}
`;

/**
 * ARGV[5]: a user id, or ''. What a request of the session needs before it is answered, in one round
 * trip: {the scenarios' fixed fields HGETALL, fired HGETALL, left HGETALL, 1 if the user was
 * deleted else 0, the user's JSON or nil}.
 */
const PEEK = `
local scenarios = {}
if redis.call('HLEN', K('scn')) > 0 then
  scenarios = {redis.call('HGETALL', K('scn')), redis.call('HGETALL', K('fired')), redis.call('HGETALL', K('left'))}
else
  scenarios = {{}, {}, {}}
end
local userId = ARGV[5]
if userId == '' then return {scenarios[1], scenarios[2], scenarios[3], 0, false} end
return {scenarios[1], scenarios[2], scenarios[3], redis.call('SISMEMBER', K('deleted'), userId), redis.call('HGET', K('users'), userId)}
`;

/** ARGV[5]: the scenario id. Returns 1 when it existed. */
const REMOVE_SCENARIO = `
local existed = redis.call('HDEL', K('scn'), ARGV[5])
redis.call('HDEL', K('fired'), ARGV[5])
redis.call('HDEL', K('left'), ARGV[5])
return existed
`;

/**
 * ARGV[5..]: the ids of the scenarios that match the request, oldest first. Claims the first with
 * uses left: returns {id, fired, left} (left -1: no limit), or nothing when none has any left.
 */
const CLAIM_SCENARIO = `
for i = 5, #ARGV do
  local id = ARGV[i]
  if redis.call('HEXISTS', K('scn'), id) == 1 then
    local left = redis.call('HGET', K('left'), id)
    if not left then
      return {id, redis.call('HINCRBY', K('fired'), id, 1), -1}
    elseif tonumber(left) > 0 then
      return {id, redis.call('HINCRBY', K('fired'), id, 1), redis.call('HINCRBY', K('left'), id, -1)}
    end
  end
end
return false
`;

const RESET = `
forget(SESSION)
return 1
`;

/** {sessions, users, deletedUsers, tickets, emails}; sessions whose keys expired are dropped from the index. */
const COUNTS = `
local totals = {0, 0, 0, 0, 0}
for _, s in ipairs(redis.call('ZRANGE', P .. 'sessions', 0, -1)) do
  if redis.call('EXISTS', skey(s, 'meta')) == 0 then
    redis.call('ZREM', P .. 'sessions', s)
    redis.call('ZREM', P .. 'plain', s)
  else
    totals[1] = totals[1] + 1
    totals[2] = totals[2] + redis.call('HLEN', skey(s, 'users'))
    totals[3] = totals[3] + redis.call('SCARD', skey(s, 'deleted'))
    totals[4] = totals[4] + redis.call('HLEN', skey(s, 'tickets'))
    totals[5] = totals[5] + redis.call('LLEN', skey(s, 'emails'))
  end
end
return totals
`;

const BODIES = {
  ensureUser: ENSURE_USER,
  deleteUser: DELETE_USER,
  sequence: SEQUENCE,
  issueTicket: ISSUE_TICKET,
  listTickets: LIST_TICKETS,
  completeTicket: COMPLETE_TICKET,
  recordEmail: RECORD_EMAIL,
  recordRequests: RECORD_REQUESTS,
  addScenario: ADD_SCENARIO,
  peek: PEEK,
  removeScenario: REMOVE_SCENARIO,
  claimScenario: CLAIM_SCENARIO,
  reset: RESET,
  counts: COUNTS,
};

export type ScriptName = keyof typeof BODIES;

/** Each script's full source: the shared prelude, then its body. */
export const SCRIPTS: Readonly<Record<ScriptName, string>> = Object.fromEntries(
  Object.entries(BODIES).map(([name, body]) => [name, PRELUDE + body]),
) as Record<ScriptName, string>;
