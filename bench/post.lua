-- wrk script for bench/run's post stage: POST /todo with a JSON body whose content differs on every request
-- (thread number, a per-thread counter and a random part), so no two todos are alike.
--   wrk -t2 -c50 -d15s -s bench/post.lua http://127.0.0.1:8889/todo
local threads = 0

function setup(thread)
    threads = threads + 1
    thread:set("id", threads)
end

function init(args)
    counter = 0
    math.randomseed(os.time() * 1000 + (id or 0))
    prefix = string.format("bench post t%d-%06x", id or 0, math.random(0, 0xffffff))
end

function request()
    counter = counter + 1
    local body = string.format('{"content":"%s-%d"}', prefix, counter)
    return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, body)
end
