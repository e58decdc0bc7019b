package todoservice.jobs;

/**
 * The queue's state changes, each one Lua script so Redis applies it whole. Every write a worker makes carries its
 * attempt's fencing token ({@code fence}): a worker that lost its claim (stalled past the visibility timeout while
 * another worker took the job over) is refused and learns it, so it can never overwrite the newer attempt's
 * state. Times are the caller's clock, in epoch milliseconds.
 */
final class JobScripts {

    private JobScripts() {
    }

    /** Ends a job: its record expires after the retention period and its stream entry is acknowledged. */
    private static final String END = """
            local function ack(stream, group, entry)
              if entry and entry ~= '' then
                redis.call('XACK', stream, group, entry)
                redis.call('XDEL', stream, entry)
              end
            end
            local function finish(job, state, now, retention)
              redis.call('HSET', job, 'state', state, 'updated_at', now)
              redis.call('HDEL', job, 'entry')
              redis.call('PEXPIRE', job, retention)
            end
            """;

    /** A fenced write is refused unless the job is still running under this attempt's token. */
    private static final String FENCED = """
            local function holds(job, fence)
              return redis.call('HGET', job, 'fence') == fence and redis.call('HGET', job, 'state') == 'running'
            end
            """;

    /**
     * KEYS: job, owner index, idempotency key, stream, delayed, owner's unfinished jobs. ARGV: id, owner, type, now,
     * fingerprint, due, retention (the idempotency key's time to live), use idempotency (1/0), the most unfinished
     * jobs the owner may have (0: no limit), the job keys' prefix, then parameter name/value pairs. Returns the id
     * of the job that holds the idempotency key (an earlier one) or of the new job, or '' when the owner already
     * has the most unfinished jobs.
     *
     * <p>The unfinished set holds at most that many ids and forgets the ended ones as it is read, so the check
     * costs what the limit allows. It builds job keys from the prefix: they share the queue's hash tag, so they sit
     * in this script's Cluster slot.
     */
    static final String ENQUEUE = """
            if ARGV[8] == '1' then
              local existing = redis.call('GET', KEYS[3])
              if existing then return existing end
            end
            local most = tonumber(ARGV[9])
            if most > 0 then
              local unfinished = 0
              for _, other in ipairs(redis.call('SMEMBERS', KEYS[6])) do
                local state = redis.call('HGET', ARGV[10] .. other, 'state')
                if state == 'queued' or state == 'running' then
                  unfinished = unfinished + 1
                else
                  redis.call('SREM', KEYS[6], other)
                end
              end
              if unfinished >= most then return '' end
              redis.call('SADD', KEYS[6], ARGV[1])
              redis.call('PEXPIRE', KEYS[6], ARGV[7])
            end
            local fields = {'id', ARGV[1], 'owner', ARGV[2], 'type', ARGV[3], 'state', 'queued', 'done', '0',
              'total', '0', 'attempts', '0', 'fence', '0', 'cancel', '0', 'checkpoint', '0',
              'created_at', ARGV[4], 'updated_at', ARGV[4], 'fingerprint', ARGV[5]}
            for i = 11, #ARGV, 2 do
              table.insert(fields, 'p.' .. ARGV[i])
              table.insert(fields, ARGV[i + 1])
            end
            redis.call('HSET', KEYS[1], unpack(fields))
            redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
            -- The owner's index forgets jobs older than twice the retention: their records have expired.
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', tonumber(ARGV[4]) - 2 * tonumber(ARGV[7]))
            if ARGV[8] == '1' then redis.call('SET', KEYS[3], ARGV[1], 'PX', ARGV[7]) end
            if tonumber(ARGV[6]) > tonumber(ARGV[4]) then
              redis.call('ZADD', KEYS[5], ARGV[6], ARGV[1])
            else
              redis.call('XADD', KEYS[4], '*', 'job', ARGV[1])
            end
            return ARGV[1]
            """;

    /**
     * A worker took a stream entry. KEYS: job, stream, stats, dead. ARGV: entry, now, max attempts, group,
     * retention. Returns {'run', fence} or why not: gone, done, duplicate, cancelled, dead.
     */
    static final String START = END + """
            local state = redis.call('HGET', KEYS[1], 'state')
            if not state then ack(KEYS[2], ARGV[4], ARGV[1]) return {'gone'} end
            if state == 'succeeded' or state == 'failed' or state == 'cancelled' then
              ack(KEYS[2], ARGV[4], ARGV[1]) return {'done'}
            end
            local entry = redis.call('HGET', KEYS[1], 'entry')
            if state == 'running' and entry ~= ARGV[1] then ack(KEYS[2], ARGV[4], ARGV[1]) return {'duplicate'} end
            if redis.call('HGET', KEYS[1], 'cancel') == '1' then
              finish(KEYS[1], 'cancelled', ARGV[2], ARGV[5])
              ack(KEYS[2], ARGV[4], ARGV[1])
              return {'cancelled'}
            end
            local attempts = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
            if attempts > tonumber(ARGV[3]) then
              redis.call('HINCRBY', KEYS[1], 'attempts', -1)
              redis.call('HSET', KEYS[1], 'error', 'Gave up after ' .. (attempts - 1)
                .. ' attempts: the worker running the last one stopped before it ended.')
              finish(KEYS[1], 'failed', ARGV[2], ARGV[5])
              ack(KEYS[2], ARGV[4], ARGV[1])
              redis.call('XADD', KEYS[4], '*', 'job', redis.call('HGET', KEYS[1], 'id'),
                'type', redis.call('HGET', KEYS[1], 'type'), 'error', 'worker lost')
              redis.call('HINCRBY', KEYS[3], 'dead_letters', 1)
              return {'dead'}
            end
            if state == 'running' then redis.call('HINCRBY', KEYS[3], 'reclaims', 1) end
            local fence = redis.call('HINCRBY', KEYS[1], 'fence', 1)
            redis.call('HSET', KEYS[1], 'state', 'running', 'entry', ARGV[1], 'updated_at', ARGV[2])
            redis.call('HDEL', KEYS[1], 'retry_at')
            return {'run', fence}
            """;

    /**
     * Renews the claim: resets the entry's idle time so XAUTOCLAIM leaves it alone. KEYS: job, stream. ARGV:
     * fence, group, consumer, entry. Returns -1 when the claim is lost, else 1 if cancellation was asked, else 0.
     */
    static final String RENEW = FENCED + """
            if not holds(KEYS[1], ARGV[1]) then return -1 end
            redis.call('XCLAIM', KEYS[2], ARGV[2], ARGV[3], 0, ARGV[4], 'JUSTID')
            return tonumber(redis.call('HGET', KEYS[1], 'cancel'))
            """;

    /** KEYS: job. ARGV: fence, done, total, checkpoint, now. Returns like {@link #RENEW}. */
    static final String PROGRESS = FENCED + """
            if not holds(KEYS[1], ARGV[1]) then return -1 end
            redis.call('HSET', KEYS[1], 'done', ARGV[2], 'total', ARGV[3], 'checkpoint', ARGV[4], 'updated_at', ARGV[5])
            return tonumber(redis.call('HGET', KEYS[1], 'cancel'))
            """;

    /**
     * KEYS: job, stream, stats. ARGV: fence, group, entry, now, retention, result, result kind, type, duration ms.
     * Returns 1, or 0 when the claim was lost.
     */
    static final String SUCCEED = END + FENCED + """
            if not holds(KEYS[1], ARGV[1]) then return 0 end
            redis.call('HSET', KEYS[1], 'result', ARGV[6], 'result_kind', ARGV[7])
            redis.call('HDEL', KEYS[1], 'error')
            finish(KEYS[1], 'succeeded', ARGV[4], ARGV[5])
            ack(KEYS[2], ARGV[2], ARGV[3])
            redis.call('HINCRBY', KEYS[3], 'count:' .. ARGV[8] .. ':succeeded', 1)
            redis.call('HINCRBY', KEYS[3], 'ms:' .. ARGV[8] .. ':succeeded', ARGV[9])
            return 1
            """;

    /**
     * A failed attempt: retried at {@code retry at} (ARGV[7] > 0) or dead-lettered. KEYS: job, stream, stats,
     * delayed, dead. ARGV: fence, group, entry, now, retention, error, retry at, type, duration ms.
     * Returns 1, or 0 when the claim was lost.
     */
    static final String FAIL = END + FENCED + """
            if not holds(KEYS[1], ARGV[1]) then return 0 end
            redis.call('HSET', KEYS[1], 'error', ARGV[6])
            redis.call('HINCRBY', KEYS[3], 'count:' .. ARGV[8] .. ':failed', 1)
            redis.call('HINCRBY', KEYS[3], 'ms:' .. ARGV[8] .. ':failed', ARGV[9])
            ack(KEYS[2], ARGV[2], ARGV[3])
            local id = redis.call('HGET', KEYS[1], 'id')
            if tonumber(ARGV[7]) > 0 then
              redis.call('HSET', KEYS[1], 'state', 'queued', 'retry_at', ARGV[7], 'updated_at', ARGV[4])
              redis.call('HDEL', KEYS[1], 'entry')
              redis.call('ZADD', KEYS[4], ARGV[7], id)
              redis.call('HINCRBY', KEYS[3], 'retries', 1)
            else
              finish(KEYS[1], 'failed', ARGV[4], ARGV[5])
              redis.call('XADD', KEYS[5], '*', 'job', id, 'type', ARGV[8], 'error', ARGV[6])
              redis.call('HINCRBY', KEYS[3], 'dead_letters', 1)
            end
            return 1
            """;

    /** The running job saw its cancellation. KEYS: job, stream, stats. ARGV: fence, group, entry, now, retention. */
    static final String CANCELLED = END + FENCED + """
            if not holds(KEYS[1], ARGV[1]) then return 0 end
            finish(KEYS[1], 'cancelled', ARGV[4], ARGV[5])
            ack(KEYS[2], ARGV[2], ARGV[3])
            redis.call('HINCRBY', KEYS[3], 'cancelled', 1)
            return 1
            """;

    /**
     * A worker shutting down gives a job back at once (not after the visibility timeout); the attempt does not
     * count. KEYS: job, stream. ARGV: fence, group, entry, now.
     */
    static final String HAND_BACK = END + FENCED + """
            if not holds(KEYS[1], ARGV[1]) then return 0 end
            redis.call('HSET', KEYS[1], 'state', 'queued', 'updated_at', ARGV[4])
            redis.call('HINCRBY', KEYS[1], 'attempts', -1)
            redis.call('HDEL', KEYS[1], 'entry')
            ack(KEYS[2], ARGV[2], ARGV[3])
            redis.call('XADD', KEYS[2], '*', 'job', redis.call('HGET', KEYS[1], 'id'))
            return 1
            """;

    /**
     * A client cancels. KEYS: job, delayed. ARGV: owner, now, retention. Returns 'missing' (no such job of this
     * owner), 'ended' (it is already in a terminal state, cancelled included), 'cancelled' (it had not started) or
     * 'requested' (it runs and will see the flag at its next checkpoint).
     */
    static final String CANCEL = END + """
            if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] then return 'missing' end
            local state = redis.call('HGET', KEYS[1], 'state')
            if state == 'succeeded' or state == 'failed' or state == 'cancelled' then return 'ended' end
            redis.call('HSET', KEYS[1], 'cancel', '1', 'updated_at', ARGV[2])
            if state == 'queued' then
              finish(KEYS[1], 'cancelled', ARGV[2], ARGV[3])
              redis.call('ZREM', KEYS[2], redis.call('HGET', KEYS[1], 'id'))
              return 'cancelled'
            end
            return 'requested'
            """;

    /** Moves due retries and delayed jobs into the stream. KEYS: delayed, stream. ARGV: now, limit. */
    static final String PROMOTE = """
            local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
            for _, id in ipairs(due) do
              redis.call('ZREM', KEYS[1], id)
              redis.call('XADD', KEYS[2], '*', 'job', id)
            end
            return #due
            """;
}
