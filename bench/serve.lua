-- wrk script for bench/serve.sh: each request takes the next of a few explorer API paths.
local paths = {
  "/api/topics",
  "/api/documents?topic=0&limit=50",
  "/api/search?q=network+server+daemon",
  "/api/documents?topic=1&offset=10&limit=50",
  "/api/search?q=python+library+for+images",
  "/api/search?q=fonts",
}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
