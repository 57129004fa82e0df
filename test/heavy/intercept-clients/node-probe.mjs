// The three ways a Node program makes a request, each to WeChat's token URL: global fetch, https with
// the global agent, and https with an agent of its own (as co-wechat-api's httpx has); and plain http
// with its own agent to file.api.weixin.qq.com, where co-wechat-api uploads. Prints one JSON line: the
// HTTP status each got, or its error message.
import http from 'node:http';
import https from 'node:https';

const query = `grant_type=client_credential&appid=${process.argv[2]}&secret=${process.argv[3]}`;

function get(module, url, agent) {
  return new Promise((resolve) => {
    const req = module.get(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', (err) => resolve(err.message));
  });
}

console.log(
  JSON.stringify({
    fetch: await fetch(`https://api.weixin.qq.com/cgi-bin/token?${query}`).then((res) => res.status, (err) => err.cause?.message ?? err.message),
    globalAgent: await get(https, `https://api.weixin.qq.com/cgi-bin/token?${query}`),
    ownAgent: await get(https, `https://api.weixin.qq.com/cgi-bin/token?${query}`, new https.Agent({ keepAlive: true })),
    plainHttpOwnAgent: await get(http, `http://file.api.weixin.qq.com/cgi-bin/token?${query}`, new http.Agent({ keepAlive: true })),
  }),
);
