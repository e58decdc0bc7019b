-- wrk script for bench/run's login stages: POST /tokens with the login and password in BENCH_LOGIN and
-- BENCH_PASSWORD, the same body on every request (each right answer is a new token; a wrong password is a 401,
-- or a 429 once the login limits hold the account or the address).
--   BENCH_LOGIN=a@example.org BENCH_PASSWORD=… wrk -t1 -c8 -d10s -s bench/login.lua http://127.0.0.1:8889/tokens
local login, password = os.getenv("BENCH_LOGIN"), os.getenv("BENCH_PASSWORD")
if not login or login == "" or not password or password == "" then
    error("bench/login.lua needs BENCH_LOGIN and BENCH_PASSWORD")
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = string.format('{"login":"%s","password":"%s","name":"bench","scopes":["read"],"expires_in_days":1}',
    login, password)
