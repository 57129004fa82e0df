// co-wechat-api as its users run it: the default prefix (https://api.weixin.qq.com/cgi-bin/), nothing
// about proxies or CAs, its httpx client with its own keep-alive agent. It has no speed methods, so
// those two calls go through its generic request helper with the body its postJSON helper builds.
// Then a global fetch, as newer code calls WeChat. Prints one JSON line of what each call answered.
import WechatAPI from 'co-wechat-api';
import util from 'co-wechat-api/lib/util.js';

const [appid, secret] = process.argv.slice(2);
const api = new WechatAPI(appid, secret);
const { accessToken } = await api.ensureAccessToken();
const speed = (op, body) => api.request(`${api.prefix}message/mass/speed/${op}?access_token=${accessToken}`, util.postJSON(body));
const setSpeed = await speed('set', { speed: 2 });
const getSpeed = await speed('get', {});
// The news draft every app starts with: a made-up media_id would be refused (40007), as WeChat refuses it.
const sendall = await api.massSendNews('wxmock-default-news', true);
const massmsgget = await api.getMassMessageStatus(sendall.msg_id);
const fetched = await fetch(`https://api.weixin.qq.com/cgi-bin/message/mass/speed/get?access_token=${accessToken}`, { method: 'POST' });
console.log(JSON.stringify({ prefix: api.prefix, accessToken, setSpeed, getSpeed, sendall, massmsgget, fetch: { status: fetched.status, body: await fetched.json() } }));
