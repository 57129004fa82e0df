// Test scaffolding, preloaded after env.sh's own preload: every name lookup fails here with the name in
// the message, so a request that bypassed the proxy shows up as "lookup refused: <host>" instead of
// reaching the network. The proxy is 127.0.0.1, which needs no lookup.
'use strict';
const dns = require('node:dns');

const refuse = (host) => Object.assign(new Error(`lookup refused: ${host}`), { code: 'ENOTFOUND' });
dns.lookup = (host, options, callback) => process.nextTick(callback ?? options, refuse(host));
dns.promises.lookup = async (host) => {
  throw refuse(host);
};
