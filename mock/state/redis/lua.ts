import { PRELUDE } from './lua-prelude';

/**
 * The Redis store's scripts, one per store method that writes (and the reads that must be one
 * step): each is the shared prelude (`lua-prelude.ts`: key names, expiry, eviction) and its body.
 */
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

/** The names of the sessions held; sessions whose keys expired are dropped from the index. */
const LIST_SESSIONS = `
local held = {}
for _, s in ipairs(redis.call('ZRANGE', P .. 'sessions', 0, -1)) do
  if redis.call('EXISTS', skey(s, 'meta')) == 0 then
    redis.call('ZREM', P .. 'sessions', s)
    redis.call('ZREM', P .. 'plain', s)
  else
    held[#held + 1] = s
  end
end
return held
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
  listSessions: LIST_SESSIONS,
};

export type ScriptName = keyof typeof BODIES;

/** Each script's full source: the shared prelude, then its body. */
export const SCRIPTS: Readonly<Record<ScriptName, string>> = Object.fromEntries(
  Object.entries(BODIES).map(([name, body]) => [name, PRELUDE + body]),
) as Record<ScriptName, string>;
