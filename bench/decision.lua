-- wrk: POST /v1/decisions for a random customer of CUSTOMERS (1 in ANONYMOUS anonymous with a cart and a
-- visitor id; ANONYMOUS=0: known customers only)
CUSTOMERS = tonumber(os.getenv("CUSTOMERS") or "100000")
ANONYMOUS = tonumber(os.getenv("ANONYMOUS") or "5")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("TOKEN") or "")
math.randomseed(11)
request = function()
  local body
  if ANONYMOUS > 0 and math.random(ANONYMOUS) == 1 then
    body = string.format('{"visitorId":"v%d","channel":"web","placement":"home","context":{"cart":["sk%d"]}}',
      math.random(0, 99999), math.random(0, 19999))
  else
    body = string.format('{"customerId":"cu%d","channel":"web","placement":"home"}', math.random(0, CUSTOMERS - 1))
  end
  return wrk.format(nil, nil, nil, body)
end
