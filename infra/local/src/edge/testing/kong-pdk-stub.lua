-- Runs kong.yaml's function-plugin code under LuaJIT the way Kong 3.9's pre/post-function plugin does,
-- against a small stub of the Kong PDK, and prints what happened as JSON. Used by kong-functions.spec.ts.
--
-- stdin: { "code": ["<chunk>", ...], "request": { "method": "GET", "headers": { name: value | [values] } },
--          "upstream": { name: value }   -- headers other plugins already set for the service (jwt's X-Consumer-*)
--          "token": "<jwt>" | null,        -- kong.ctx.shared.authenticated_jwt_token (the jwt plugin verified it)
--          "consumer": { "custom_id": ... } | null }
-- stdout: { "exit": { "status", "body" | "message", "headers" } | null, "upstream": { lowercase name: value },
--           "error": "<Lua error>" | null }
local cjson = require("cjson.safe")

local input = cjson.decode(io.read("*a"))
local null = cjson.null
local function value(v)
  if v == null then return nil end
  return v
end

-- Request headers as ngx.req.get_headers gives them: lower-case names, repeated ones as a list.
local request_headers = {}
for name, v in pairs(input.request.headers or {}) do request_headers[string.lower(name)] = v end
-- What the service would receive: the request's headers plus what earlier plugins set.
local upstream = {}
for name, v in pairs(request_headers) do upstream[name] = v end
for name, v in pairs(value(input.upstream) or {}) do upstream[string.lower(name)] = v end

local EXIT = setmetatable({}, { __tostring = function() return "exit" end })
local result = { upstream = upstream }

local kong = {
  request = {
    get_method = function() return input.request.method or "GET" end,
    get_header = function(name)
      local v = request_headers[string.lower(name)]
      if type(v) == "table" then return v[1] end
      return v
    end,
    get_headers = function(max)
      max = max or 100
      local copy, n = {}, 0
      for name, v in pairs(request_headers) do
        n = n + 1
        if n > max then return copy, "truncated" end
        copy[name] = v
      end
      return copy
    end,
  },
  service = {
    request = {
      clear_header = function(name) upstream[string.lower(name)] = nil end,
      set_header = function(name, v) upstream[string.lower(name)] = tostring(v) end,
    },
  },
  ctx = { shared = { authenticated_jwt_token = value(input.token) } },
  client = {
    get_consumer = function() return value(input.consumer) end,
  },
  response = {
    exit = function(status, body, headers)
      result.exit = { status = status, body = body, headers = headers }
      error(EXIT, 0)
    end,
    error = function(status, message, headers)
      result.exit = { status = status, message = message, headers = headers }
      error(EXIT, 0)
    end,
  },
}

-- ngx.encode_base64 / ngx.decode_base64: standard alphabet, padded; decode refuses malformed input.
local ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local INDEX = {}
for i = 1, #ALPHABET do INDEX[ALPHABET:sub(i, i)] = i - 1 end
local bit = require("bit")

local ngx = {
  encode_base64 = function(s)
    local out = {}
    for i = 1, #s, 3 do
      local a, b, c = s:byte(i, i + 2)
      local n = bit.bor(bit.lshift(a, 16), bit.lshift(b or 0, 8), c or 0)
      for j = 0, 3 do
        if i + j - 1 <= #s then
          local k = bit.band(bit.rshift(n, 18 - 6 * j), 63)
          out[#out + 1] = ALPHABET:sub(k + 1, k + 1)
        else
          out[#out + 1] = "="
        end
      end
    end
    return table.concat(out)
  end,
  decode_base64 = function(s)
    if type(s) ~= "string" or #s % 4 ~= 0 or not s:match("^[A-Za-z0-9+/]*=?=?$") then return nil end
    local body = s:gsub("=+$", "")
    local out, bits, n = {}, 0, 0
    for i = 1, #body do
      n = bit.bor(bit.lshift(n, 6), INDEX[body:sub(i, i)])
      bits = bits + 6
      if bits >= 8 then
        bits = bits - 8
        out[#out + 1] = string.char(bit.band(bit.rshift(n, bits), 255))
      end
    end
    return table.concat(out)
  end,
}

-- kong-lua-sandbox's base environment (kong/tools/kong-lua-sandbox.lua) plus what the function
-- plugin adds: kong, ngx, and a require limited to KONG_UNTRUSTED_LUA_SANDBOX_REQUIRES (cjson.safe).
local env = {}
for _, id in ipairs({ "_VERSION", "assert", "error", "ipairs", "next", "pairs", "pcall", "select", "tonumber",
  "tostring", "type", "unpack", "xpcall" }) do env[id] = _G[id] end
for module, names in pairs({
  math = { "abs", "ceil", "floor", "fmod", "huge", "max", "min", "modf", "pi", "random", "sqrt" },
  os = { "clock", "date", "difftime", "time" },
  string = { "byte", "char", "find", "format", "gmatch", "gsub", "len", "lower", "match", "rep", "reverse", "sub",
    "upper" },
  table = { "concat", "insert", "maxn", "remove", "sort" },
}) do
  env[module] = {}
  for _, name in ipairs(names) do env[module][name] = _G[module][name] end
end
env.kong = kong
env.ngx = ngx
env.require = function(name)
  if name ~= "cjson.safe" then error("require '" .. name .. "' not allowed within sandbox") end
  return require(name)
end
env._G = env

local ok, err = pcall(function()
  for i, code in ipairs(input.code) do
    local chunk, compile_error = loadstring(code, "function plugin chunk " .. i)
    if not chunk then error("does not compile: " .. compile_error) end
    setfenv(chunk, env)
    local fn = chunk()
    -- 0.2.0-style code returns the function to run per request
    if type(fn) == "function" then fn() end
  end
end)
if not ok and err ~= EXIT then result.error = tostring(err) end

io.write(cjson.encode(result))
