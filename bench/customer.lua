-- wrk: GET /v1/customers/{id} for a random customer: the one-row baseline
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("TOKEN") or "")
math.randomseed(13)
request = function()
  return wrk.format("GET", string.format("/v1/customers/cu%d", math.random(0, 99999)))
end
