-- wrk: GET /v1/customers/{id} for a random customer of CUSTOMERS: the one-row baseline
CUSTOMERS = tonumber(os.getenv("CUSTOMERS") or "100000")
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("TOKEN") or "")
math.randomseed(13)
request = function()
  return wrk.format("GET", string.format("/v1/customers/cu%d", math.random(0, CUSTOMERS - 1)))
end
