/**
 * Intercept mode's preload for Node clients, which env.sh sets with `NODE_OPTIONS=--require <this file>`.
 * Node 20 reads no proxy variable at all, and Node >= 22.21 with NODE_USE_ENV_PROXY=1 covers fetch and
 * the global agent but not a client's own agent (co-wechat-api's httpx keeps a keep-alive agent of its
 * own), so both layers are routed here from HTTPS_PROXY, HTTP_PROXY and NO_PROXY:
 * - fetch: undici's EnvHttpProxyAgent as the global dispatcher, which Node's built-in fetch reads;
 * - http and https: global-agent, which replaces the agent of every request, a client's own included
 *   (forceGlobalAgent, its default). It reads GLOBAL_AGENT_HTTP_PROXY unless told the empty namespace.
 * The CA comes from NODE_EXTRA_CA_CERTS, which both use through Node's default trust store.
 * CommonJS, so that `--require` loads it before any module of the client, ESM or not.
 */
'use strict';

const { EnvHttpProxyAgent, setGlobalDispatcher } = require('undici');
const { bootstrap } = require('global-agent');

setGlobalDispatcher(new EnvHttpProxyAgent());
bootstrap({ environmentVariableNamespace: '' });
