-- wrk script for bench/run's authenticated stages: every request carries the API token in BENCH_TOKEN
-- (Authorization: Bearer todo_…), as a client with an account sends it.
--   BENCH_TOKEN=todo_… wrk -t2 -c100 -d10s -s bench/token.lua http://127.0.0.1:8889/todo
local token = os.getenv("BENCH_TOKEN")
if token == nil or token == "" then
    error("bench/token.lua needs BENCH_TOKEN (an API token, todo_…)")
end
wrk.headers["Authorization"] = "Bearer " .. token
