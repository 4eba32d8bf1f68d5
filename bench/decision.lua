-- wrk: POST /v1/decisions for a random customer (1 in 5 anonymous with a cart and a visitor id)
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("TOKEN") or "")
math.randomseed(11)
request = function()
  local body
  if math.random(5) == 1 then
    body = string.format('{"visitorId":"v%d","channel":"web","placement":"home","context":{"cart":["sk%d"]}}',
      math.random(0, 99999), math.random(0, 19999))
  else
    body = string.format('{"customerId":"cu%d","channel":"web","placement":"home"}', math.random(0, 99999))
  end
  return wrk.format(nil, nil, nil, body)
end
